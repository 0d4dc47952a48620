-- Scheduling and delivery: sittings of a published form, registrations with accommodations and access codes,
-- attempts with a server-owned clock per part, answers saved with a per-attempt sequence, and Part One results.
CREATE TABLE sittings (
    id                 BIGINT IDENTITY(1,1) PRIMARY KEY,
    title              NVARCHAR(200) NOT NULL,
    form_id            NVARCHAR(100) NOT NULL REFERENCES forms (id),
    opens_at           DATETIMEOFFSET NOT NULL,
    closes_at          DATETIMEOFFSET NOT NULL,
    location           NVARCHAR(200) NOT NULL,
    proctor_user_id    BIGINT NULL REFERENCES staff_users (id),
    requires_admission BIT NOT NULL DEFAULT 1,
    created_at         DATETIMEOFFSET NOT NULL
);

CREATE TABLE registrations (
    id                  BIGINT IDENTITY(1,1) PRIMARY KEY,
    candidate_id        BIGINT NOT NULL REFERENCES candidates (id),
    sitting_id          BIGINT NOT NULL REFERENCES sittings (id),
    sit_part_one        BIT NOT NULL,
    sit_part_two        BIT NOT NULL,
    extra_time_part_one INT NOT NULL DEFAULT 0,
    extra_time_part_two INT NOT NULL DEFAULT 0,
    rest_breaks         NVARCHAR(500) NULL,
    retake_override     NVARCHAR(500) NULL,
    created_at          DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_registrations UNIQUE (candidate_id, sitting_id)
);

ALTER TABLE access_codes ADD registration_id BIGINT NULL REFERENCES registrations (id);
GO
CREATE INDEX ix_access_codes_registration ON access_codes (registration_id);

CREATE TABLE attempts (
    id                BIGINT IDENTITY(1,1) PRIMARY KEY,
    registration_id   BIGINT NOT NULL REFERENCES registrations (id),
    seed              BIGINT NOT NULL,
    status            NVARCHAR(20) NOT NULL,
    session_id        NVARCHAR(64) NOT NULL,
    current_part      INT NOT NULL DEFAULT 0,
    current_position  INT NOT NULL DEFAULT 0,
    last_seq          BIGINT NOT NULL DEFAULT 0,
    last_saved_at     DATETIMEOFFSET NULL,
    rules_accepted_at DATETIMEOFFSET NULL,
    admitted_at       DATETIMEOFFSET NULL,
    admitted_by       NVARCHAR(100) NULL,
    ended_at          DATETIMEOFFSET NULL,
    end_reason        NVARCHAR(500) NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_attempts_registration UNIQUE (registration_id)
);

CREATE TABLE attempt_parts (
    attempt_id       BIGINT NOT NULL REFERENCES attempts (id),
    part             INT NOT NULL,
    started_at       DATETIMEOFFSET NOT NULL,
    deadline         DATETIMEOFFSET NOT NULL,
    paused_since     DATETIMEOFFSET NULL,
    extended_seconds INT NOT NULL DEFAULT 0,
    paused_seconds   INT NOT NULL DEFAULT 0,
    submitted_at     DATETIMEOFFSET NULL,
    submit_reason    NVARCHAR(20) NULL,
    receipt_code     NVARCHAR(20) NULL,
    PRIMARY KEY (attempt_id, part)
);
CREATE INDEX ix_attempt_parts_open ON attempt_parts (submitted_at, deadline);

CREATE TABLE mc_answers (
    attempt_id      BIGINT NOT NULL REFERENCES attempts (id),
    position        INT NOT NULL,
    item_version_id BIGINT NOT NULL REFERENCES item_versions (id),
    option_id       NVARCHAR(1) NULL,
    flagged         BIT NOT NULL DEFAULT 0,
    seq             BIGINT NOT NULL,
    saved_at        DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (attempt_id, position)
);

CREATE TABLE essay_answers (
    attempt_id      BIGINT NOT NULL REFERENCES attempts (id),
    item_version_id BIGINT NOT NULL REFERENCES item_versions (id),
    chosen          BIT NOT NULL DEFAULT 0,
    body            NVARCHAR(MAX) NOT NULL,
    word_count      INT NOT NULL DEFAULT 0,
    seq             BIGINT NOT NULL,
    saved_at        DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (attempt_id, item_version_id)
);

CREATE TABLE scoring_keys (
    form_id    NVARCHAR(100) NOT NULL REFERENCES forms (id),
    version    INT NOT NULL,
    items_json NVARCHAR(MAX) NOT NULL,
    reason     NVARCHAR(1000) NOT NULL,
    created_by NVARCHAR(100) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (form_id, version)
);

CREATE TABLE mc_results (
    id            BIGINT IDENTITY(1,1) PRIMARY KEY,
    attempt_id    BIGINT NOT NULL REFERENCES attempts (id),
    key_version   INT NOT NULL,
    raw           INT NOT NULL,
    max_score     INT NOT NULL,
    percent_score     DECIMAL(6,2) NOT NULL,
    passed        BIT NOT NULL,
    domains_json  NVARCHAR(MAX) NOT NULL,
    scored_at     DATETIMEOFFSET NOT NULL,
    superseded_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_mc_results_attempt ON mc_results (attempt_id);
