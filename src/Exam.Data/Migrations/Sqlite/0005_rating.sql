-- Rating and results: raters' essay sets and declared conflicts of interest, anonymous essay responses with their
-- rating tasks (two blind reads, a third by a lead rater when they disagree), and results on candidate records.
CREATE TABLE rater_sets (
    user_id     INTEGER NOT NULL REFERENCES staff_users (id),
    essay_set   TEXT NOT NULL CHECK (essay_set IN ('Clinical', 'Supervisory', 'Policy', 'Teaching', 'Research')),
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (user_id, essay_set)
);

-- What a rater declared: people they know (by name) and associations. Values are stored normalised (trimmed, lower case).
CREATE TABLE rater_conflicts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES staff_users (id),
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'association')),
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_rater_conflicts UNIQUE (user_id, kind, value)
);

-- One essay response to rate. The code is random and says nothing about the candidate, attempt or sitting.
CREATE TABLE rating_responses (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    attempt_id        INTEGER NOT NULL REFERENCES attempts (id),
    item_version_id   INTEGER NOT NULL REFERENCES item_versions (id),
    rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions (id),
    essay_set         TEXT NOT NULL,
    form_id           TEXT NOT NULL REFERENCES forms (id),
    status            TEXT NOT NULL CHECK (status IN ('rating', 'adjudication', 'final')),
    final_score       REAL NULL,
    adjudicated       INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    finalized_at      TEXT NULL,
    CONSTRAINT uq_rating_responses UNIQUE (attempt_id, item_version_id)
);
CREATE INDEX ix_rating_responses_attempt ON rating_responses (attempt_id);

-- A read of a response: reads 1 and 2 by raters, read 3 by a lead rater. A claim is a lease.
CREATE TABLE rating_tasks (
    id             INTEGER PRIMARY KEY,
    response_id    INTEGER NOT NULL REFERENCES rating_responses (id),
    read_no        INTEGER NOT NULL CHECK (read_no IN (1, 2, 3)),
    essay_set      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'submitted')),
    rater_id       INTEGER NULL REFERENCES staff_users (id),
    claimed_at     TEXT NULL,
    lease_until    TEXT NULL,
    scores_json    TEXT NULL,
    feedback       TEXT NULL,
    total          INTEGER NULL,
    draft_saved_at TEXT NULL,
    submitted_at   TEXT NULL,
    created_at     TEXT NOT NULL,
    CONSTRAINT uq_rating_tasks UNIQUE (response_id, read_no)
);
-- Never two reads of one response by the same person, whatever the race.
CREATE UNIQUE INDEX ux_rating_tasks_rater ON rating_tasks (response_id, rater_id) WHERE rater_id IS NOT NULL;
CREATE INDEX ix_rating_tasks_queue ON rating_tasks (essay_set, status, read_no);
CREATE INDEX ix_rating_tasks_rater ON rating_tasks (rater_id, status);

-- A result on the candidate's record once every part sat is final. A newer result supersedes and keeps the old.
CREATE TABLE exam_results (
    id                  INTEGER PRIMARY KEY,
    candidate_id        INTEGER NOT NULL REFERENCES candidates (id),
    attempt_id          INTEGER NOT NULL REFERENCES attempts (id),
    sitting_id          INTEGER NOT NULL REFERENCES sittings (id),
    form_id             TEXT NOT NULL REFERENCES forms (id),
    mc_result_id        INTEGER NULL REFERENCES mc_results (id),
    part_one_raw        INTEGER NULL,
    part_one_max        INTEGER NULL,
    part_one_percent    REAL NULL,
    part_one_passed     INTEGER NULL,
    part_one_domains    TEXT NULL,
    part_one_cut        INTEGER NULL,
    part_two_raw        REAL NULL,
    part_two_max        INTEGER NULL,
    part_two_percent    REAL NULL,
    part_two_passed     INTEGER NULL,
    part_two_cut        INTEGER NULL,
    part_one_carried_from INTEGER NULL,
    part_two_carried_from INTEGER NULL,
    overall_passed      INTEGER NOT NULL,
    recorded_at         TEXT NOT NULL,
    superseded_at       TEXT NULL,
    released_at         TEXT NULL,
    released_by         TEXT NULL
);
CREATE INDEX ix_exam_results_candidate ON exam_results (candidate_id);
CREATE INDEX ix_exam_results_sitting ON exam_results (sitting_id);
CREATE INDEX ix_exam_results_attempt ON exam_results (attempt_id);
