-- A change made before its part's deadline but delivered after it (a slow network, an offline spell), taken because it
-- arrived within the bounded window: one row per change, so the sitting report can list them.
CREATE TABLE late_deliveries (
    attempt_id      INTEGER NOT NULL REFERENCES attempts (id),
    part            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    position        INTEGER NULL,
    item_version_id INTEGER NOT NULL REFERENCES item_versions (id),
    made_at         TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
CREATE INDEX ix_late_deliveries_attempt ON late_deliveries (attempt_id, part);
