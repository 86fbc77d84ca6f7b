-- cc_instructor: a least-privilege login for instructors (docs/BEHAVIOUR.md C7: check and views, dry
-- runs, sync one key, advance, repair one key). It signs in on a production database, stores its
-- checks and audits its writes; it cannot change users, specializations, achievements, the
-- tool's settings, level catalogue, aliases or schema, nor delete audit entries or runs.
-- Run as the role that owns the tables (the one that ran `init`), in the platform's database:
--   psql -v cc_password='…' -f docs/grants/instructor.sql
-- tests/integration/tst_cli_grants.cpp runs this file as written (role name and password substituted).
CREATE ROLE cc_instructor LOGIN PASSWORD :'cc_password';
GRANT USAGE ON SCHEMA public, coupling_console TO cc_instructor;
-- user_achievements: read by the schema check (PostgreSQL shows a table's columns only to a role
-- holding some privilege on it).
GRANT SELECT ON users, specializations, user_achievements TO cc_instructor;
GRANT SELECT, INSERT, UPDATE, DELETE ON specialization_progress, user_licenses TO cc_instructor;
-- UPDATE: a repair that merges two licenses re-points the removed one's progression rows.
GRANT SELECT, INSERT, UPDATE ON license_progressions TO cc_instructor;
GRANT SELECT ON ALL TABLES IN SCHEMA coupling_console TO cc_instructor;
GRANT INSERT ON coupling_console.audit, coupling_console.batches TO cc_instructor;
-- A stored check: the run is inserted, then updated when it ends; a failed run drops its violations.
GRANT INSERT, UPDATE ON coupling_console.runs TO cc_instructor;
GRANT INSERT, DELETE ON coupling_console.violations TO cc_instructor;
-- Sign-in on a production database records and clears failed attempts.
GRANT INSERT, DELETE ON coupling_console.signin TO cc_instructor;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public, coupling_console TO cc_instructor;
-- Sequences and tables a later version of the tool or the platform adds (created by this same role).
ALTER DEFAULT PRIVILEGES IN SCHEMA public, coupling_console GRANT USAGE ON SEQUENCES TO cc_instructor;
ALTER DEFAULT PRIVILEGES IN SCHEMA coupling_console GRANT SELECT ON TABLES TO cc_instructor;
