// A page of the skills that pass the filters (null filters pass everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass.
MATCH (s:Skill)
WHERE ($nameContains IS NULL OR toUpper(s.name) CONTAINS toUpper($nameContains))
  AND ($category IS NULL OR toUpper(s.category) = toUpper($category))
  AND ($hot IS NULL OR coalesce(s.hot, false) = $hot)
  AND ($requiredBy IS NULL OR EXISTS { (:Career {id: $requiredBy})-[:REQUIRES]->(s) })
WITH s
ORDER BY toUpper(s.name), s.id
WITH collect(s) AS passing
WITH passing, CASE WHEN $descending THEN reverse(passing) ELSE passing END AS ordered
RETURN size(passing) AS total, ordered[$skip..$skip + $take] AS page
