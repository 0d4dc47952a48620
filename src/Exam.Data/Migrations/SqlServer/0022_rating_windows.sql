-- Rating windows: the committee opens one when rating starts and closes it when rating ends. Raters claim only while
-- a window is open, and their declared conflicts of interest are fixed for the window: a change asked for while one
-- is open goes to the lead raters and the committee as a request (they see what it matches; the rater never does).
-- is_open is 1 while open and NULL once closed, so a filtered unique index on it allows at most one open window.
CREATE TABLE rating_windows (
    id        BIGINT IDENTITY(1,1) PRIMARY KEY,
    is_open   INT NULL CHECK (is_open = 1),
    opened_at DATETIMEOFFSET NOT NULL,
    opened_by NVARCHAR(100) NOT NULL,
    closed_at DATETIMEOFFSET NULL,
    closed_by NVARCHAR(100) NULL
);
CREATE UNIQUE INDEX ux_rating_windows_open ON rating_windows (is_open) WHERE is_open IS NOT NULL;

-- A rater's request to declare or remove a conflict during a window; applied only when a lead or the committee approves.
CREATE TABLE rater_conflict_requests (
    id           BIGINT IDENTITY(1,1) PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES staff_users (id),
    action       NVARCHAR(20) NOT NULL CHECK (action IN ('declare', 'remove')),
    kind         NVARCHAR(20) NOT NULL CHECK (kind IN ('person', 'association')),
    value        NVARCHAR(200) NOT NULL,
    status       NVARCHAR(20) NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    requested_at DATETIMEOFFSET NOT NULL,
    decided_at   DATETIMEOFFSET NULL,
    decided_by   NVARCHAR(100) NULL
);
CREATE INDEX ix_rater_conflict_requests_status ON rater_conflict_requests (status, requested_at);
