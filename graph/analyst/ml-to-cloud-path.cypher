// The paths from Machine Learning Engineer to Cloud Engineer over career-to-career links, either direction, at most
// 4 hops, no link weaker than 0.5: fewest hops first, then the strongest links, with the skills each step adds.
// The weight is checked inside the pattern, so weak links are never expanded, and {1,4} bounds the path's length.
MATCH p = (:Career {id: 'machine-learning-engineer'})
  (()-[links:SEE_ALSO|SPECIALISATION_OF WHERE coalesce(links.weight, 1.0) >= 0.5]-()){1,4}
  (:Career {id: 'cloud-engineer'})
WITH p, links, nodes(p) AS careers
WHERE all(i IN range(0, size(careers) - 2) WHERE NOT careers[i] IN careers[i + 1..])
WITH p, careers, length(p) AS hops, reduce(penalty = 0.0, link IN links | penalty + 1 - coalesce(link.weight, 1.0)) AS penalty
ORDER BY hops, penalty
LIMIT 5
RETURN [c IN careers | c.name] AS walk, hops, round(penalty, 2) AS penalty,
  [i IN range(1, size(careers) - 1) | COLLECT {
    WITH careers[i - 1] AS before, careers[i] AS here
    MATCH (here)-[:REQUIRES]->(s:Skill)
    WHERE NOT EXISTS { (before)-[:REQUIRES]->(s) }
    RETURN s.name
  }] AS skillsToLearnPerStep,
  p
