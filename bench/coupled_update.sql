-- The tool's own coupled update (update-progress --xp 1 on one key) as pgbench runs it, issue 4 goal 6.
-- Same statements and lock order as CouplingWriter: advisory key lock, progress FOR UPDATE,
-- license FOR UPDATE, achievements FOR UPDATE, the progress UPDATE, one audit row, COMMIT.
-- Users 101..200 (the 100 contended users); the key is the user's lowest-id progress row.
\set u random(101, 200)
BEGIN;
SELECT pg_advisory_xact_lock(CAST(:u AS integer), hashtext(t.track))
  FROM (SELECT CASE rtrim(specialization_id, ' ') WHEN 'PLAYER' THEN 'GANCUJU_PLAYER' WHEN 'COACH' THEN 'LFA_COACH'
               ELSE rtrim(specialization_id, ' ') END AS track
          FROM specialization_progress WHERE student_id = :u ORDER BY id LIMIT 1) t;
SELECT id, student_id, specialization_id::text, current_level, total_xp, completed_sessions, completed_projects,
       theory_hours_completed, practice_hours_completed, last_activity::text, created_at::text, updated_at::text
  FROM specialization_progress WHERE student_id = :u ORDER BY id FOR UPDATE;
SELECT id, user_id, specialization_type::text, current_level, max_achieved_level, started_at::text
  FROM user_licenses WHERE user_id = :u ORDER BY id FOR UPDATE;
SELECT id FROM user_achievements WHERE user_id = :u ORDER BY id FOR UPDATE;
UPDATE specialization_progress SET last_activity = now(), total_xp = total_xp + 1, updated_at = now()
  WHERE id = (SELECT min(id) FROM specialization_progress WHERE student_id = :u);
INSERT INTO coupling_console.audit (at, operator_id, operator_email, source, action, user_id, track, before_json, after_json, reason)
  VALUES (to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, 'system', 'pgbench', 'update_progress', :u, 'bench',
          '{"specialization_progress":[]}', '{"specialization_progress":[]}', NULL);
COMMIT;
