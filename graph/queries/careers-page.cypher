// A page of the careers that pass the filters (null filters pass everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass.
MATCH (c:Career)
WHERE ($nameContains IS NULL OR toUpper(c.name) CONTAINS toUpper($nameContains))
  AND ($isSpecialisation IS NULL OR (c:Specialisation) = $isSpecialisation)
  AND ($category IS NULL OR any(category IN coalesce(c.categories, []) WHERE toUpper(category) = toUpper($category)))
  AND ($hasSkill IS NULL OR EXISTS { (c)-[:REQUIRES]->(:Skill {id: $hasSkill}) })
  AND ($inIndustry IS NULL OR EXISTS { (c)-[:IN_INDUSTRY]->(:Industry {id: $inIndustry}) })
WITH c
ORDER BY toUpper(c.name), c.id
WITH collect(c) AS passing
WITH passing, CASE WHEN $descending THEN reverse(passing) ELSE passing END AS ordered
RETURN size(passing) AS total, ordered[$skip..$skip + $take] AS page
