-- Lengths: SQLite's TEXT takes anything; Exam.Core.FieldLimits bounds every field in the app (SQL Server's script
-- widens attempts.end_reason to a proctor note's 2,000 characters).

-- Names are matched as the app folds them (TextFolding.Fold), stored beside the name; filled by the app on every
-- write, and at start-up for rows written before this script.
ALTER TABLE candidates ADD COLUMN full_name_folded TEXT NULL;
ALTER TABLE candidates ADD COLUMN association_folded TEXT NULL;
-- A user name compares case-insensitively (Unicode, not only ASCII as NOCASE): its folded key is looked up, and unique.
ALTER TABLE staff_users ADD COLUMN user_name_key TEXT NULL;
CREATE UNIQUE INDEX ux_staff_users_key ON staff_users (user_name_key) WHERE user_name_key IS NOT NULL;

-- One current result per attempt, whatever races.
CREATE UNIQUE INDEX ux_mc_results_current ON mc_results (attempt_id) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX ux_exam_results_current ON exam_results (attempt_id) WHERE superseded_at IS NULL;
