// A page of the industries whose name contains a text (null passes everything), in name order
// (case-insensitive, then id) or its reverse, with the number of all that pass. The count and the page are separate
// subqueries: the page is a top-($skip + $take) sort, never a list of every industry.
// :param nameContains => "engineer"
// :param descending => false
// :param skip => 0
// :param take => 20
CALL () {
  MATCH (i:Industry)
  WHERE $nameContains IS NULL OR toUpper(i.name) CONTAINS toUpper($nameContains)
  RETURN count(i) AS total
}
CALL () {
  MATCH (i:Industry)
  WHERE $nameContains IS NULL OR toUpper(i.name) CONTAINS toUpper($nameContains)
  // ORDER BY takes no direction parameter: one pair of keys is null for every row, the other orders.
  WITH i, toUpper(i.name) AS name
  ORDER BY CASE WHEN $descending THEN null ELSE name END, CASE WHEN $descending THEN null ELSE i.id END,
    CASE WHEN $descending THEN name END DESC, CASE WHEN $descending THEN i.id END DESC
  SKIP $skip LIMIT $take
  RETURN collect(i) AS page
}
RETURN total, page
