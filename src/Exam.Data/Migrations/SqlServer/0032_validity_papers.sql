-- Standardisation. A validity paper is an essay with scores the committee agreed per rubric criterion and a short
-- rationale: a response from an earlier sitting (copied, never linked to its code: raters meet it under a new one) or
-- an exemplar written for the purpose. Agreed scores are versioned: a change adds a version and moves `version`.
CREATE TABLE validity_papers (
    id                  BIGINT IDENTITY(1,1) PRIMARY KEY,
    title              NVARCHAR(200) NOT NULL,
    origin             NVARCHAR(20) NOT NULL CHECK (origin IN ('sitting', 'exemplar')),
    source_response_id BIGINT NULL REFERENCES rating_responses (id),
    form_id            NVARCHAR(100) NOT NULL REFERENCES forms (id),
    item_version_id    BIGINT NOT NULL REFERENCES item_versions (id),
    rubric_version_id  BIGINT NOT NULL REFERENCES rubric_versions (id),
    essay_set          NVARCHAR(20) NOT NULL,
    essay_text         NVARCHAR(MAX) NOT NULL,
    version            INT NOT NULL,
    created_by         NVARCHAR(100) NOT NULL,
    created_at         DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_validity_papers_set ON validity_papers (essay_set);

CREATE TABLE validity_paper_versions (
    paper_id    BIGINT NOT NULL REFERENCES validity_papers (id),
    version     INT NOT NULL,
    scores_json NVARCHAR(MAX) NOT NULL,
    total       INT NOT NULL,
    rationale   NVARCHAR(2000) NOT NULL,
    saved_by    NVARCHAR(100) NOT NULL,
    saved_at    DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (paper_id, version)
);

-- A qualification set: the papers a rater rates before live rating in an essay set. At most one is active per set
-- (is_active is 1 or NULL); while one is active, a rater needs a pass in the open window to take live reads of the set.
CREATE TABLE qualification_sets (
    id         BIGINT IDENTITY(1,1) PRIMARY KEY,
    essay_set  NVARCHAR(20) NOT NULL,
    title      NVARCHAR(200) NOT NULL,
    is_active  INT NULL CHECK (is_active = 1),
    created_by NVARCHAR(100) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_qualification_sets_active ON qualification_sets (essay_set) WHERE is_active IS NOT NULL;

CREATE TABLE qualification_set_papers (
    set_id   BIGINT NOT NULL REFERENCES qualification_sets (id),
    paper_id BIGINT NOT NULL REFERENCES validity_papers (id),
    position INT NOT NULL,
    PRIMARY KEY (set_id, paper_id)
);

CREATE TABLE qualification_attempts (
    id           BIGINT IDENTITY(1,1) PRIMARY KEY,
    set_id       BIGINT NOT NULL REFERENCES qualification_sets (id),
    window_id    BIGINT NOT NULL REFERENCES rating_windows (id),
    rater_id     BIGINT NOT NULL REFERENCES staff_users (id),
    status       NVARCHAR(20) NOT NULL CHECK (status IN ('open', 'passed', 'failed')),
    within_count INT NULL,
    started_at   DATETIMEOFFSET NOT NULL,
    finished_at  DATETIMEOFFSET NULL
);
-- One attempt at a time per rater, set and window, whatever the race.
CREATE UNIQUE INDEX ux_qualification_attempts_open ON qualification_attempts (rater_id, set_id, window_id) WHERE status = 'open';

-- A rater's read of a validity paper: in a qualification attempt, or seeded into their live queue. A seed's code has
-- the shape of a live response's code, and it is claimed, leased, drafted and submitted like one; it never reaches
-- a result (results read rating_responses only).
CREATE TABLE validity_reads (
    id              BIGINT IDENTITY(1,1) PRIMARY KEY,
    code           NVARCHAR(20) NOT NULL UNIQUE,
    kind           NVARCHAR(20) NOT NULL CHECK (kind IN ('qualification', 'seed')),
    paper_id       BIGINT NOT NULL REFERENCES validity_papers (id),
    paper_version  INT NOT NULL,
    rater_id        BIGINT NOT NULL REFERENCES staff_users (id),
    window_id       BIGINT NOT NULL REFERENCES rating_windows (id),
    attempt_id     BIGINT NULL REFERENCES qualification_attempts (id),
    essay_set      NVARCHAR(20) NOT NULL,
    status          NVARCHAR(20) NOT NULL CHECK (status IN ('queued', 'claimed', 'submitted')),
    claimed_at     DATETIMEOFFSET NULL,
    lease_until    DATETIMEOFFSET NULL,
    scores_json    NVARCHAR(MAX) NULL,
    feedback       NVARCHAR(MAX) NULL,
    total          INT NULL,
    draft_saved_at DATETIMEOFFSET NULL,
    submitted_at   DATETIMEOFFSET NULL,
    created_at     DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_validity_reads_rater ON validity_reads (rater_id, status);
CREATE UNIQUE INDEX ux_validity_reads_attempt ON validity_reads (attempt_id, paper_id) WHERE attempt_id IS NOT NULL;
CREATE UNIQUE INDEX ux_validity_reads_seed ON validity_reads (rater_id, window_id, paper_id) WHERE kind = 'seed';

-- A rater's pass for an essay set in a window; revoked when a lead suspends them, restored by passing again.
CREATE TABLE rater_qualifications (
    window_id     BIGINT NOT NULL REFERENCES rating_windows (id),
    rater_id      BIGINT NOT NULL REFERENCES staff_users (id),
    essay_set    NVARCHAR(20) NOT NULL,
    attempt_id   BIGINT NOT NULL REFERENCES qualification_attempts (id),
    qualified_at DATETIMEOFFSET NOT NULL,
    revoked_at   DATETIMEOFFSET NULL,
    PRIMARY KEY (window_id, rater_id, essay_set)
);

-- A lead's suspension of a rater from live rating in a window, until they pass a qualification again (or a lead lifts it).
CREATE TABLE rater_suspensions (
    id            BIGINT IDENTITY(1,1) PRIMARY KEY,
    window_id     BIGINT NOT NULL REFERENCES rating_windows (id),
    rater_id      BIGINT NOT NULL REFERENCES staff_users (id),
    reason       NVARCHAR(500) NOT NULL,
    suspended_by NVARCHAR(100) NOT NULL,
    suspended_at DATETIMEOFFSET NOT NULL,
    lifted_at    DATETIMEOFFSET NULL,
    lifted_by    NVARCHAR(100) NULL
);
CREATE UNIQUE INDEX ux_rater_suspensions_active ON rater_suspensions (window_id, rater_id) WHERE lifted_at IS NULL;
