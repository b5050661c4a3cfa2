// Aliases that clash: one alias naming several careers or skills, or an alias that is also the name of another node.
// Ambiguity is data, but each clash is worth a curator's look.
MATCH (a:Alias)-[:ALIAS_OF]->(n)
WITH a, collect(n) AS named
WITH a, named, COLLECT { MATCH (m:Career|Skill|Industry {nameKey: a.key}) WHERE NOT m IN named RETURN m } AS namesakes
WHERE size(named) > 1 OR size(namesakes) > 0
RETURN a.name AS alias, [n IN named | n.name] AS aliasOf, [m IN namesakes | m.name] AS alsoTheNameOf
ORDER BY size(named) + size(namesakes) DESC, alias
