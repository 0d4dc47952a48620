-- Enemy items: pairs that cue or answer each other and so never sit on one form. The relation is the items', not
-- their versions', and symmetric: each pair is one row, the lower id first by ordinal comparison (ItemEnemyStore
-- orders it; no CHECK, since a SQL Server collation may order '-' differently).
CREATE TABLE item_enemies (
    item_id    TEXT NOT NULL REFERENCES items (id),
    enemy_id   TEXT NOT NULL REFERENCES items (id),
    created_at TEXT NOT NULL,
    CONSTRAINT pk_item_enemies PRIMARY KEY (item_id, enemy_id)
);
CREATE INDEX ix_item_enemies_enemy ON item_enemies (enemy_id);
