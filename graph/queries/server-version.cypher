// The server's product name, version and edition: checked at start-up, since the service needs Neo4j 5.26 or later.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
