// A page of the industries whose name contains a text (null passes everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass.
MATCH (i:Industry)
WHERE $nameContains IS NULL OR toUpper(i.name) CONTAINS toUpper($nameContains)
WITH i
ORDER BY toUpper(i.name), i.id
WITH collect(i) AS passing
WITH passing, CASE WHEN $descending THEN reverse(passing) ELSE passing END AS ordered
RETURN size(passing) AS total, ordered[$skip..$skip + $take] AS page
