-- One source for every length (Exam.Core.FieldLimits): a void reason is a proctor note, up to 2,000 characters.
ALTER TABLE attempts ALTER COLUMN end_reason NVARCHAR(2000) NULL;

-- Names are matched as the app folds them (TextFolding.Fold: spacing collapsed, Unicode lower case), never by the
-- server's collation: the folded form is stored beside the name. The app fills it on every write, and at start-up
-- for rows written before this script.
ALTER TABLE candidates ADD full_name_folded NVARCHAR(200) NULL;
ALTER TABLE candidates ADD association_folded NVARCHAR(200) NULL;
-- A user name compares case-insensitively whatever the collation: its folded key is what is looked up, and unique.
ALTER TABLE staff_users ADD user_name_key NVARCHAR(100) NULL;
GO
CREATE UNIQUE INDEX ux_staff_users_key ON staff_users (user_name_key) WHERE user_name_key IS NOT NULL;

-- One current result per attempt, whatever races: the writers serialize on the attempt's row, and the database
-- refuses a second current row if one ever did not.
CREATE UNIQUE INDEX ux_mc_results_current ON mc_results (attempt_id) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX ux_exam_results_current ON exam_results (attempt_id) WHERE superseded_at IS NULL;
