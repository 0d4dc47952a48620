-- Enemy items: pairs that cue or answer each other and so never sit on one form. The relation is the items', not
-- their versions', and symmetric: each pair is one row, the lower id first by ordinal comparison (ItemEnemyStore
-- orders it; no CHECK, since a SQL Server collation may order '-' differently).
CREATE TABLE item_enemies (
    item_id    NVARCHAR(100) NOT NULL REFERENCES items (id),
    enemy_id   NVARCHAR(100) NOT NULL REFERENCES items (id),
    created_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_item_enemies PRIMARY KEY (item_id, enemy_id)
);
CREATE INDEX ix_item_enemies_enemy ON item_enemies (enemy_id);
