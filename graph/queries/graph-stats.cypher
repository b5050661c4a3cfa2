// How much the graph holds: nodes by label, edges by type, alias names (Alias nodes, one per name) and alias links.
CALL () { MATCH (c:Career) RETURN count(c) AS careers }
CALL () { MATCH (s:Skill) RETURN count(s) AS skills }
CALL () { MATCH (i:Industry) RETURN count(i) AS industries }
CALL () { MATCH ()-[r:REQUIRES]->() RETURN count(r) AS requires }
CALL () { MATCH ()-[r:IN_INDUSTRY]->() RETURN count(r) AS inIndustry }
CALL () { MATCH ()-[r:SPECIALISATION_OF]->() RETURN count(r) AS specialisationOf }
CALL () { MATCH ()-[r:SEE_ALSO]->() RETURN count(r) AS seeAlso }
CALL () { MATCH (a:Alias) RETURN count(a) AS aliasNames }
CALL () { MATCH ()-[r:ALIAS_OF]->() RETURN count(r) AS aliasLinks }
RETURN careers, skills, industries, requires, inIndustry, specialisationOf, seeAlso, aliasNames, aliasLinks
