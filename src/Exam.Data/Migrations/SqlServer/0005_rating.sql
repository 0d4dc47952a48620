-- Rating and results: raters' essay sets and declared conflicts of interest, anonymous essay responses with their
-- rating tasks (two blind reads, a third by a lead rater when they disagree), and results on candidate records.
CREATE TABLE rater_sets (
    user_id     BIGINT NOT NULL REFERENCES staff_users (id),
    essay_set   NVARCHAR(20) NOT NULL CHECK (essay_set IN ('Clinical', 'Supervisory', 'Policy', 'Teaching', 'Research')),
    assigned_by NVARCHAR(100) NOT NULL,
    assigned_at DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (user_id, essay_set)
);

CREATE TABLE rater_conflicts (
    id         BIGINT IDENTITY(1,1) PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES staff_users (id),
    kind       NVARCHAR(20) NOT NULL CHECK (kind IN ('person', 'association')),
    value      NVARCHAR(200) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_rater_conflicts UNIQUE (user_id, kind, value)
);

CREATE TABLE rating_responses (
    id                BIGINT IDENTITY(1,1) PRIMARY KEY,
    code              NVARCHAR(20) NOT NULL UNIQUE,
    attempt_id        BIGINT NOT NULL REFERENCES attempts (id),
    item_version_id   BIGINT NOT NULL REFERENCES item_versions (id),
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_versions (id),
    essay_set         NVARCHAR(20) NOT NULL,
    form_id           NVARCHAR(100) NOT NULL REFERENCES forms (id),
    status            NVARCHAR(20) NOT NULL CHECK (status IN ('rating', 'adjudication', 'final')),
    final_score       DECIMAL(9,3) NULL,
    adjudicated       BIT NOT NULL DEFAULT 0,
    created_at        DATETIMEOFFSET NOT NULL,
    finalized_at      DATETIMEOFFSET NULL,
    CONSTRAINT uq_rating_responses UNIQUE (attempt_id, item_version_id)
);
CREATE INDEX ix_rating_responses_attempt ON rating_responses (attempt_id);

CREATE TABLE rating_tasks (
    id             BIGINT IDENTITY(1,1) PRIMARY KEY,
    response_id    BIGINT NOT NULL REFERENCES rating_responses (id),
    read_no        INT NOT NULL CHECK (read_no IN (1, 2, 3)),
    essay_set      NVARCHAR(20) NOT NULL,
    status         NVARCHAR(20) NOT NULL CHECK (status IN ('queued', 'claimed', 'submitted')),
    rater_id       BIGINT NULL REFERENCES staff_users (id),
    claimed_at     DATETIMEOFFSET NULL,
    lease_until    DATETIMEOFFSET NULL,
    scores_json    NVARCHAR(MAX) NULL,
    feedback       NVARCHAR(MAX) NULL,
    total          INT NULL,
    draft_saved_at DATETIMEOFFSET NULL,
    submitted_at   DATETIMEOFFSET NULL,
    created_at     DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_rating_tasks UNIQUE (response_id, read_no)
);
CREATE UNIQUE INDEX ux_rating_tasks_rater ON rating_tasks (response_id, rater_id) WHERE rater_id IS NOT NULL;
CREATE INDEX ix_rating_tasks_queue ON rating_tasks (essay_set, status, read_no);
CREATE INDEX ix_rating_tasks_rater ON rating_tasks (rater_id, status);

CREATE TABLE exam_results (
    id                    BIGINT IDENTITY(1,1) PRIMARY KEY,
    candidate_id          BIGINT NOT NULL REFERENCES candidates (id),
    attempt_id            BIGINT NOT NULL REFERENCES attempts (id),
    sitting_id            BIGINT NOT NULL REFERENCES sittings (id),
    form_id               NVARCHAR(100) NOT NULL REFERENCES forms (id),
    mc_result_id          BIGINT NULL REFERENCES mc_results (id),
    part_one_raw          INT NULL,
    part_one_max          INT NULL,
    part_one_percent      DECIMAL(6,2) NULL,
    part_one_passed       BIT NULL,
    part_one_domains      NVARCHAR(MAX) NULL,
    part_one_cut          INT NULL,
    part_two_raw          DECIMAL(9,3) NULL,
    part_two_max          INT NULL,
    part_two_percent      DECIMAL(6,2) NULL,
    part_two_passed       BIT NULL,
    part_two_cut          INT NULL,
    part_one_carried_from BIGINT NULL,
    part_two_carried_from BIGINT NULL,
    overall_passed        BIT NOT NULL,
    recorded_at           DATETIMEOFFSET NOT NULL,
    superseded_at         DATETIMEOFFSET NULL,
    released_at           DATETIMEOFFSET NULL,
    released_by           NVARCHAR(100) NULL
);
CREATE INDEX ix_exam_results_candidate ON exam_results (candidate_id);
CREATE INDEX ix_exam_results_sitting ON exam_results (sitting_id);
CREATE INDEX ix_exam_results_attempt ON exam_results (attempt_id);
