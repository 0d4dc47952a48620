-- Staff accounts, their roles, candidates, candidate access codes, and the append-only audit log.
CREATE TABLE staff_users (
    id              BIGINT IDENTITY(1,1) PRIMARY KEY,
    user_name       NVARCHAR(100) NOT NULL,
    display_name    NVARCHAR(200) NOT NULL,
    password_hash   NVARCHAR(400) NOT NULL,
    is_disabled     BIT NOT NULL DEFAULT 0,
    failed_count    INT NOT NULL DEFAULT 0,
    locked_until    DATETIMEOFFSET NULL,
    created_at      DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_staff_users_user_name UNIQUE (user_name)
);

CREATE TABLE staff_roles (
    user_id BIGINT NOT NULL REFERENCES staff_users (id),
    role    NVARCHAR(50) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE candidates (
    id               BIGINT IDENTITY(1,1) PRIMARY KEY,
    candidate_number NVARCHAR(20) NOT NULL,
    full_name        NVARCHAR(200) NOT NULL,
    email            NVARCHAR(320) NOT NULL,
    association      NVARCHAR(200) NOT NULL,
    track            NVARCHAR(20) NOT NULL,
    notes            NVARCHAR(MAX) NULL,
    failed_count     INT NOT NULL DEFAULT 0,
    locked_until     DATETIMEOFFSET NULL,
    created_at       DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_candidates_number UNIQUE (candidate_number)
);

CREATE TABLE access_codes (
    id           BIGINT IDENTITY(1,1) PRIMARY KEY,
    candidate_id BIGINT NOT NULL REFERENCES candidates (id),
    code_hash    NVARCHAR(128) NOT NULL,
    valid_from   DATETIMEOFFSET NOT NULL,
    valid_until  DATETIMEOFFSET NOT NULL,
    revoked_at   DATETIMEOFFSET NULL,
    created_at   DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_access_codes_candidate ON access_codes (candidate_id);

CREATE TABLE audit_log (
    id           BIGINT IDENTITY(1,1) PRIMARY KEY,
    at           DATETIMEOFFSET NOT NULL,
    actor        NVARCHAR(200) NOT NULL,
    action       NVARCHAR(100) NOT NULL,
    subject_type NVARCHAR(100) NOT NULL,
    subject_id   NVARCHAR(100) NULL,
    before_json  NVARCHAR(MAX) NULL,
    after_json   NVARCHAR(MAX) NULL,
    detail       NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject_id);
GO
-- The audit log is append-only: the database refuses to change or remove a line.
CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, 'audit_log is append-only', 1;
END;
