-- Modified-Angoff standard setting. A study belongs to a form and moves through stages: setup (the panel agrees the
-- description of the minimally competent candidate, panelists are invited), round1 (each panelist rates every Part One
-- item alone), discussion (the facilitator shows the round-1 spread and the items' p values), round2 (panelists
-- revise), results, adopted. Panelists are staff user names (no foreign key: the demo's simulated panel has no
-- accounts). A rating is the percentage (0-100) of minimally competent candidates who would answer the item correctly.
-- An adopted cut becomes a new scoring-key version (cut_raw out of cut_out_of scored items), so every result says
-- which cut it met and a change of cut rescores like a key correction.
ALTER TABLE scoring_keys ADD COLUMN cut_raw INTEGER NULL;
ALTER TABLE scoring_keys ADD COLUMN cut_out_of INTEGER NULL;

CREATE TABLE standard_setting_studies (
    id                  INTEGER PRIMARY KEY,
    form_id             TEXT NOT NULL REFERENCES forms (id),
    title               TEXT NOT NULL,
    mcc_description     TEXT NOT NULL,
    stage               TEXT NOT NULL CHECK (stage IN ('setup', 'round1', 'discussion', 'round2', 'results', 'adopted')),
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    adopted_cut         INTEGER NULL,
    adopted_out_of      INTEGER NULL,
    adopted_key_version INTEGER NULL,
    adopted_by          TEXT NULL,
    adopted_at          TEXT NULL,
    adoption_reason     TEXT NULL
);
CREATE INDEX ix_standard_setting_studies_form ON standard_setting_studies (form_id);

CREATE TABLE standard_setting_panelists (
    study_id              INTEGER NOT NULL REFERENCES standard_setting_studies (id),
    user_name             TEXT NOT NULL,
    invited_by            TEXT NOT NULL,
    invited_at            TEXT NOT NULL,
    round1_done_at        TEXT NULL,
    round2_done_at        TEXT NULL,
    expected_pass_percent INTEGER NULL CHECK (expected_pass_percent BETWEEN 0 AND 100),
    last_saved_at         TEXT NULL,
    PRIMARY KEY (study_id, user_name)
);
CREATE INDEX ix_standard_setting_panelists_user ON standard_setting_panelists (user_name);

CREATE TABLE standard_setting_ratings (
    study_id  INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    round     INTEGER NOT NULL CHECK (round IN (1, 2)),
    position  INTEGER NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 100),
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (study_id, user_name, round, position),
    FOREIGN KEY (study_id, user_name) REFERENCES standard_setting_panelists (study_id, user_name)
);
