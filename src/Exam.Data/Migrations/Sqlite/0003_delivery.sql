-- Scheduling and delivery: sittings of a published form, registrations with accommodations and access codes,
-- attempts with a server-owned clock per part, answers saved with a per-attempt sequence, and Part One results.
CREATE TABLE sittings (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    form_id            TEXT NOT NULL REFERENCES forms (id),
    opens_at           TEXT NOT NULL,
    closes_at          TEXT NOT NULL,
    location           TEXT NOT NULL,
    proctor_user_id    INTEGER NULL REFERENCES staff_users (id),
    requires_admission INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL
);

CREATE TABLE registrations (
    id                  INTEGER PRIMARY KEY,
    candidate_id        INTEGER NOT NULL REFERENCES candidates (id),
    sitting_id          INTEGER NOT NULL REFERENCES sittings (id),
    sit_part_one        INTEGER NOT NULL,
    sit_part_two        INTEGER NOT NULL,
    extra_time_part_one INTEGER NOT NULL DEFAULT 0,
    extra_time_part_two INTEGER NOT NULL DEFAULT 0,
    rest_breaks         TEXT NULL,
    retake_override     TEXT NULL,
    created_at          TEXT NOT NULL,
    CONSTRAINT uq_registrations UNIQUE (candidate_id, sitting_id)
);

ALTER TABLE access_codes ADD COLUMN registration_id INTEGER NULL REFERENCES registrations (id);
CREATE INDEX ix_access_codes_registration ON access_codes (registration_id);

CREATE TABLE attempts (
    id                INTEGER PRIMARY KEY,
    registration_id   INTEGER NOT NULL UNIQUE REFERENCES registrations (id),
    seed              INTEGER NOT NULL,
    status            TEXT NOT NULL,
    session_id        TEXT NOT NULL,
    current_part      INTEGER NOT NULL DEFAULT 0,
    current_position  INTEGER NOT NULL DEFAULT 0,
    last_seq          INTEGER NOT NULL DEFAULT 0,
    last_saved_at     TEXT NULL,
    rules_accepted_at TEXT NULL,
    admitted_at       TEXT NULL,
    admitted_by       TEXT NULL,
    ended_at          TEXT NULL,
    end_reason        TEXT NULL,
    created_at        TEXT NOT NULL
);

CREATE TABLE attempt_parts (
    attempt_id       INTEGER NOT NULL REFERENCES attempts (id),
    part             INTEGER NOT NULL,
    started_at       TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    paused_since     TEXT NULL,
    extended_seconds INTEGER NOT NULL DEFAULT 0,
    paused_seconds   INTEGER NOT NULL DEFAULT 0,
    submitted_at     TEXT NULL,
    submit_reason    TEXT NULL,
    receipt_code     TEXT NULL,
    PRIMARY KEY (attempt_id, part)
);
-- The expiry sweeper looks for running parts past their deadline.
CREATE INDEX ix_attempt_parts_open ON attempt_parts (submitted_at, deadline);

CREATE TABLE mc_answers (
    attempt_id      INTEGER NOT NULL REFERENCES attempts (id),
    position        INTEGER NOT NULL,
    item_version_id INTEGER NOT NULL REFERENCES item_versions (id),
    option_id       TEXT NULL,
    flagged         INTEGER NOT NULL DEFAULT 0,
    seq             INTEGER NOT NULL,
    saved_at        TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position)
);

CREATE TABLE essay_answers (
    attempt_id      INTEGER NOT NULL REFERENCES attempts (id),
    item_version_id INTEGER NOT NULL REFERENCES item_versions (id),
    chosen          INTEGER NOT NULL DEFAULT 0,
    body            TEXT NOT NULL,
    word_count      INTEGER NOT NULL DEFAULT 0,
    seq             INTEGER NOT NULL,
    saved_at        TEXT NOT NULL,
    PRIMARY KEY (attempt_id, item_version_id)
);

-- Scoring keys per form: version 1 is the pinned keys; each committee correction adds a version.
CREATE TABLE scoring_keys (
    form_id    TEXT NOT NULL REFERENCES forms (id),
    version    INTEGER NOT NULL,
    items_json TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);

-- Part One results; a rescore supersedes the current row and keeps it as history.
CREATE TABLE mc_results (
    id            INTEGER PRIMARY KEY,
    attempt_id    INTEGER NOT NULL REFERENCES attempts (id),
    key_version   INTEGER NOT NULL,
    raw           INTEGER NOT NULL,
    max_score     INTEGER NOT NULL,
    percent_score     REAL NOT NULL,
    passed        INTEGER NOT NULL,
    domains_json  TEXT NOT NULL,
    scored_at     TEXT NOT NULL,
    superseded_at TEXT NULL
);
CREATE INDEX ix_mc_results_attempt ON mc_results (attempt_id);
