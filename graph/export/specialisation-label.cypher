// Dump: a career that specialises another also carries the Specialisation label.
MATCH (c:Career)-[:SPECIALISATION_OF]->(:Career)
SET c:Specialisation;
