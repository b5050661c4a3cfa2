// A page of the skills that pass the filters (null filters pass everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass. The count and the page are separate
// subqueries (so the filters are written twice): the page is a top-($skip + $take) sort, never a list of every skill.
// :param nameContains => "engineer"
// :param category => "Computer, AI & Data"
// :param hot => true
// :param requiredBy => "cloud-engineer"
// :param descending => false
// :param skip => 0
// :param take => 20
CALL () {
  MATCH (s:Skill)
  WHERE ($nameContains IS NULL OR toUpper(s.name) CONTAINS toUpper($nameContains))
    AND ($category IS NULL OR toUpper(s.category) = toUpper($category))
    AND ($hot IS NULL OR coalesce(s.hot, false) = $hot)
    AND ($requiredBy IS NULL OR EXISTS { (:Career {id: $requiredBy})-[:REQUIRES]->(s) })
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Skill)
  WHERE ($nameContains IS NULL OR toUpper(s.name) CONTAINS toUpper($nameContains))
    AND ($category IS NULL OR toUpper(s.category) = toUpper($category))
    AND ($hot IS NULL OR coalesce(s.hot, false) = $hot)
    AND ($requiredBy IS NULL OR EXISTS { (:Career {id: $requiredBy})-[:REQUIRES]->(s) })
  // ORDER BY takes no direction parameter: one pair of keys is null for every row, the other orders.
  WITH s, toUpper(s.name) AS name
  ORDER BY CASE WHEN $descending THEN null ELSE name END, CASE WHEN $descending THEN null ELSE s.id END,
    CASE WHEN $descending THEN name END DESC, CASE WHEN $descending THEN s.id END DESC
  SKIP $skip LIMIT $take
  RETURN collect(s) AS page
}
RETURN total, page
