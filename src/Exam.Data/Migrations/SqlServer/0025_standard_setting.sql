-- Modified-Angoff standard setting. A study belongs to a form and moves through stages: setup (the panel agrees the
-- description of the minimally competent candidate, panelists are invited), round1 (each panelist rates every Part One
-- item alone), discussion (the facilitator shows the round-1 spread and the items' p values), round2 (panelists
-- revise), results, adopted. Panelists are staff user names (no foreign key: the demo's simulated panel has no
-- accounts). A rating is the percentage (0-100) of minimally competent candidates who would answer the item correctly.
-- An adopted cut becomes a new scoring-key version (cut_raw out of cut_out_of scored items), so every result says
-- which cut it met and a change of cut rescores like a key correction.
ALTER TABLE scoring_keys ADD cut_raw INT NULL, cut_out_of INT NULL;

CREATE TABLE standard_setting_studies (
    id                  BIGINT IDENTITY(1,1) PRIMARY KEY,
    form_id             NVARCHAR(100) NOT NULL REFERENCES forms (id),
    title               NVARCHAR(200) NOT NULL,
    mcc_description     NVARCHAR(4000) NOT NULL,
    stage               NVARCHAR(20) NOT NULL CHECK (stage IN ('setup', 'round1', 'discussion', 'round2', 'results', 'adopted')),
    created_by          NVARCHAR(100) NOT NULL,
    created_at          DATETIMEOFFSET NOT NULL,
    adopted_cut         INT NULL,
    adopted_out_of      INT NULL,
    adopted_key_version INT NULL,
    adopted_by          NVARCHAR(100) NULL,
    adopted_at          DATETIMEOFFSET NULL,
    adoption_reason     NVARCHAR(1000) NULL
);
CREATE INDEX ix_standard_setting_studies_form ON standard_setting_studies (form_id);

CREATE TABLE standard_setting_panelists (
    study_id              BIGINT NOT NULL REFERENCES standard_setting_studies (id),
    user_name             NVARCHAR(100) NOT NULL,
    invited_by            NVARCHAR(100) NOT NULL,
    invited_at            DATETIMEOFFSET NOT NULL,
    round1_done_at        DATETIMEOFFSET NULL,
    round2_done_at        DATETIMEOFFSET NULL,
    expected_pass_percent INT NULL CHECK (expected_pass_percent BETWEEN 0 AND 100),
    last_saved_at         DATETIMEOFFSET NULL,
    PRIMARY KEY (study_id, user_name)
);
CREATE INDEX ix_standard_setting_panelists_user ON standard_setting_panelists (user_name);

CREATE TABLE standard_setting_ratings (
    study_id  BIGINT NOT NULL,
    user_name NVARCHAR(100) NOT NULL,
    round     INT NOT NULL CHECK (round IN (1, 2)),
    position  INT NOT NULL,
    rating    INT NOT NULL CHECK (rating BETWEEN 0 AND 100),
    saved_at  DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (study_id, user_name, round, position),
    FOREIGN KEY (study_id, user_name) REFERENCES standard_setting_panelists (study_id, user_name)
);
