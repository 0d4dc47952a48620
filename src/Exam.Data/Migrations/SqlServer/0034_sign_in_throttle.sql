-- Failed sign-ins counted per client address (AddressThrottle.KeyFor: an IP address, an IPv6 /64), across every
-- account, so that one address cannot lock out a room. Shared by every node: the count holds however many there are.
CREATE TABLE sign_in_address_failures (
    address        NVARCHAR(64) NOT NULL PRIMARY KEY,
    window_started DATETIMEOFFSET NOT NULL,
    failures       INT NOT NULL
);
CREATE INDEX ix_sign_in_address_failures_window ON sign_in_address_failures (window_started);

-- The lockout counters of user names and candidate numbers that do not exist, so that an unknown name locks after as
-- many wrong tries as a known one (nothing tells the two apart). Keyed by a SHA-256 of the kind and the name as looked
-- up, so that whatever was typed (a password in the wrong field) is not stored.
CREATE TABLE sign_in_unknown_names (
    name_hash      NVARCHAR(64) NOT NULL PRIMARY KEY,
    failed_count   INT NOT NULL,
    locked_until   DATETIMEOFFSET NULL,
    last_failed_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_sign_in_unknown_names_last ON sign_in_unknown_names (last_failed_at);
