// A page of the careers that pass the filters (null filters pass everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass. The count and the page are separate
// subqueries (so the filters are written twice): the page is a top-($skip + $take) sort, never a list of every career.
// :param nameContains => "engineer"
// :param isSpecialisation => true
// :param category => "Computer, AI & Data"
// :param hasSkill => "python"
// :param inIndustry => "technology"
// :param descending => false
// :param skip => 0
// :param take => 20
CALL () {
  MATCH (c:Career)
  WHERE ($nameContains IS NULL OR toUpper(c.name) CONTAINS toUpper($nameContains))
    AND ($isSpecialisation IS NULL OR (c:Specialisation) = $isSpecialisation)
    AND ($category IS NULL OR any(category IN coalesce(c.categories, []) WHERE toUpper(category) = toUpper($category)))
    AND ($hasSkill IS NULL OR EXISTS { (c)-[:REQUIRES]->(:Skill {id: $hasSkill}) })
    AND ($inIndustry IS NULL OR EXISTS { (c)-[:IN_INDUSTRY]->(:Industry {id: $inIndustry}) })
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Career)
  WHERE ($nameContains IS NULL OR toUpper(c.name) CONTAINS toUpper($nameContains))
    AND ($isSpecialisation IS NULL OR (c:Specialisation) = $isSpecialisation)
    AND ($category IS NULL OR any(category IN coalesce(c.categories, []) WHERE toUpper(category) = toUpper($category)))
    AND ($hasSkill IS NULL OR EXISTS { (c)-[:REQUIRES]->(:Skill {id: $hasSkill}) })
    AND ($inIndustry IS NULL OR EXISTS { (c)-[:IN_INDUSTRY]->(:Industry {id: $inIndustry}) })
  // ORDER BY takes no direction parameter: one pair of keys is null for every row, the other orders.
  WITH c, toUpper(c.name) AS name
  ORDER BY CASE WHEN $descending THEN null ELSE name END, CASE WHEN $descending THEN null ELSE c.id END,
    CASE WHEN $descending THEN name END DESC, CASE WHEN $descending THEN c.id END DESC
  SKIP $skip LIMIT $take
  RETURN collect(c) AS page
}
RETURN total, page
