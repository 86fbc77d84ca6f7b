-- cc_monitor: a read-only monitoring login for Coupling Console on PostgreSQL (docs/RELIABILITY.md,
-- "Roles are a guard, not a security boundary"). It may run `check` (as `system`; the run is not
-- stored), the views (violations, runs, user, audit, levels, env, settings) and dry runs; the
-- database refuses every write. Run as the role that owns the tables (the one that ran `init`),
-- in the platform's database, with psql:
--   psql -v cc_password='…' -f docs/grants/monitor.sql
-- tests/integration/tst_cli_grants.cpp runs this file as written (role name and password substituted).
CREATE ROLE cc_monitor LOGIN PASSWORD :'cc_password';
GRANT USAGE ON SCHEMA public, coupling_console TO cc_monitor;
GRANT SELECT ON users, specializations, specialization_progress, user_licenses,
                license_progressions, user_achievements TO cc_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA coupling_console TO cc_monitor;
-- Tables a later version of the tool adds (migrations run by this same role) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA coupling_console GRANT SELECT ON TABLES TO cc_monitor;
-- A second lock: even a statement the grants would allow cannot write.
ALTER ROLE cc_monitor SET default_transaction_read_only = on;
