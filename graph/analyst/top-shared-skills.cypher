// The skills the most careers share: how many careers require each, for how many it is core, and how much it matters.
MATCH (c:Career)-[r:REQUIRES]->(s:Skill)
RETURN s.name AS skill, count(c) AS careers, sum(CASE WHEN r.core THEN 1 ELSE 0 END) AS coreFor,
  round(avg(r.importance), 2) AS averageImportance
ORDER BY careers DESC, coreFor DESC, skill
LIMIT 25
