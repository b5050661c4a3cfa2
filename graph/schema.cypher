// Constraints and indexes of the career graph. Every statement is idempotent; the service runs them at start-up.
CREATE CONSTRAINT career_id IF NOT EXISTS FOR (c:Career) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (s:Skill) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT industry_id IF NOT EXISTS FOR (i:Industry) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (a:Alias) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT import_key IF NOT EXISTS FOR (i:Import) REQUIRE i.key IS UNIQUE;
// Curation: one redirect per merged-away id, one audit entry per sequence number, and one audit log (its lock
// serialises changes; the constraint keeps concurrent MERGEs from making two).
CREATE CONSTRAINT redirect_from IF NOT EXISTS FOR (r:Redirect) REQUIRE r.from IS UNIQUE;
CREATE CONSTRAINT audit_entry_sequence IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.sequence IS UNIQUE;
CREATE CONSTRAINT audit_log_key IF NOT EXISTS FOR (l:AuditLog) REQUIRE l.key IS UNIQUE;
// nameKey is the name trimmed, single-spaced and lower-cased: the key exact-name look-ups compare.
CREATE INDEX career_name_key IF NOT EXISTS FOR (c:Career) ON (c.nameKey);
CREATE INDEX skill_name_key IF NOT EXISTS FOR (s:Skill) ON (s.nameKey);
CREATE INDEX industry_name_key IF NOT EXISTS FOR (i:Industry) ON (i.nameKey);
// Deleting a career removes the redirects to it.
CREATE INDEX redirect_to IF NOT EXISTS FOR (r:Redirect) ON (r.to);
// Search: one full-text index over the names of careers, skills, industries and aliases.
CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Career|Skill|Industry|Alias) ON EACH [n.name];
