-- Standardisation. A validity paper is an essay with scores the committee agreed per rubric criterion and a short
-- rationale: a response from an earlier sitting (copied, never linked to its code: raters meet it under a new one) or
-- an exemplar written for the purpose. Agreed scores are versioned: a change adds a version and moves `version`.
CREATE TABLE validity_papers (
    id                  INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    origin             TEXT NOT NULL CHECK (origin IN ('sitting', 'exemplar')),
    source_response_id INTEGER NULL REFERENCES rating_responses (id),
    form_id            TEXT NOT NULL REFERENCES forms (id),
    item_version_id    INTEGER NOT NULL REFERENCES item_versions (id),
    rubric_version_id  INTEGER NOT NULL REFERENCES rubric_versions (id),
    essay_set          TEXT NOT NULL,
    essay_text         TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX ix_validity_papers_set ON validity_papers (essay_set);

CREATE TABLE validity_paper_versions (
    paper_id    INTEGER NOT NULL REFERENCES validity_papers (id),
    version     INTEGER NOT NULL,
    scores_json TEXT NOT NULL,
    total       INTEGER NOT NULL,
    rationale   TEXT NOT NULL,
    saved_by    TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (paper_id, version)
);

-- A qualification set: the papers a rater rates before live rating in an essay set. At most one is active per set
-- (is_active is 1 or NULL); while one is active, a rater needs a pass in the open window to take live reads of the set.
CREATE TABLE qualification_sets (
    id         INTEGER PRIMARY KEY,
    essay_set  TEXT NOT NULL,
    title      TEXT NOT NULL,
    is_active  INTEGER NULL CHECK (is_active = 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_qualification_sets_active ON qualification_sets (essay_set) WHERE is_active IS NOT NULL;

CREATE TABLE qualification_set_papers (
    set_id   INTEGER NOT NULL REFERENCES qualification_sets (id),
    paper_id INTEGER NOT NULL REFERENCES validity_papers (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (set_id, paper_id)
);

CREATE TABLE qualification_attempts (
    id           INTEGER PRIMARY KEY,
    set_id       INTEGER NOT NULL REFERENCES qualification_sets (id),
    window_id    INTEGER NOT NULL REFERENCES rating_windows (id),
    rater_id     INTEGER NOT NULL REFERENCES staff_users (id),
    status       TEXT NOT NULL CHECK (status IN ('open', 'passed', 'failed')),
    within_count INTEGER NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NULL
);
-- One attempt at a time per rater, set and window, whatever the race.
CREATE UNIQUE INDEX ux_qualification_attempts_open ON qualification_attempts (rater_id, set_id, window_id) WHERE status = 'open';

-- A rater's read of a validity paper: in a qualification attempt, or seeded into their live queue. A seed's code has
-- the shape of a live response's code, and it is claimed, leased, drafted and submitted like one; it never reaches
-- a result (results read rating_responses only).
CREATE TABLE validity_reads (
    id              INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('qualification', 'seed')),
    paper_id       INTEGER NOT NULL REFERENCES validity_papers (id),
    paper_version  INTEGER NOT NULL,
    rater_id        INTEGER NOT NULL REFERENCES staff_users (id),
    window_id       INTEGER NOT NULL REFERENCES rating_windows (id),
    attempt_id     INTEGER NULL REFERENCES qualification_attempts (id),
    essay_set      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'submitted')),
    claimed_at     TEXT NULL,
    lease_until    TEXT NULL,
    scores_json    TEXT NULL,
    feedback       TEXT NULL,
    total          INTEGER NULL,
    draft_saved_at TEXT NULL,
    submitted_at   TEXT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX ix_validity_reads_rater ON validity_reads (rater_id, status);
CREATE UNIQUE INDEX ux_validity_reads_attempt ON validity_reads (attempt_id, paper_id) WHERE attempt_id IS NOT NULL;
CREATE UNIQUE INDEX ux_validity_reads_seed ON validity_reads (rater_id, window_id, paper_id) WHERE kind = 'seed';

-- A rater's pass for an essay set in a window; revoked when a lead suspends them, restored by passing again.
CREATE TABLE rater_qualifications (
    window_id     INTEGER NOT NULL REFERENCES rating_windows (id),
    rater_id      INTEGER NOT NULL REFERENCES staff_users (id),
    essay_set    TEXT NOT NULL,
    attempt_id   INTEGER NOT NULL REFERENCES qualification_attempts (id),
    qualified_at TEXT NOT NULL,
    revoked_at   TEXT NULL,
    PRIMARY KEY (window_id, rater_id, essay_set)
);

-- A lead's suspension of a rater from live rating in a window, until they pass a qualification again (or a lead lifts it).
CREATE TABLE rater_suspensions (
    id            INTEGER PRIMARY KEY,
    window_id     INTEGER NOT NULL REFERENCES rating_windows (id),
    rater_id      INTEGER NOT NULL REFERENCES staff_users (id),
    reason       TEXT NOT NULL,
    suspended_by TEXT NOT NULL,
    suspended_at TEXT NOT NULL,
    lifted_at    TEXT NULL,
    lifted_by    TEXT NULL
);
CREATE UNIQUE INDEX ux_rater_suspensions_active ON rater_suspensions (window_id, rater_id) WHERE lifted_at IS NULL;
