-- A change made before its part's deadline but delivered after it (a slow network, an offline spell), taken because it
-- arrived within the bounded window: one row per change, so the sitting report can list them.
CREATE TABLE late_deliveries (
    attempt_id      BIGINT NOT NULL REFERENCES attempts (id),
    part            INT NOT NULL,
    seq             BIGINT NOT NULL,
    position        INT NULL,
    item_version_id BIGINT NOT NULL REFERENCES item_versions (id),
    made_at         DATETIMEOFFSET NOT NULL,
    received_at     DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_late_deliveries_attempt ON late_deliveries (attempt_id, part);
