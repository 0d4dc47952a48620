-- The item bank: items and their immutable versions, reviews, rubric versions, and exam forms with the versions
-- they pin. Statuses are spelled as in the item bank files (draft, in-review, approved, retired).
CREATE TABLE items (
    id         TEXT NOT NULL PRIMARY KEY,
    type       TEXT NOT NULL CHECK (type IN ('mcq', 'essay')),
    created_at TEXT NOT NULL
);

CREATE TABLE item_versions (
    id                INTEGER PRIMARY KEY,
    item_id           TEXT NOT NULL REFERENCES items (id),
    version_no        INTEGER NOT NULL,
    content_hash      TEXT NOT NULL,
    content_json      TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'retired')),
    author            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    status_changed_at TEXT NOT NULL,
    CONSTRAINT uq_item_versions_hash UNIQUE (item_id, content_hash),
    CONSTRAINT uq_item_versions_no UNIQUE (item_id, version_no)
);

CREATE TABLE item_reviews (
    id              INTEGER PRIMARY KEY,
    item_version_id INTEGER NOT NULL REFERENCES item_versions (id),
    reviewer        TEXT NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('approved', 'changes-requested', 'comment')),
    comment         TEXT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX ix_item_reviews_version ON item_reviews (item_version_id);

CREATE TABLE rubric_versions (
    id           INTEGER PRIMARY KEY,
    rubric_id    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    content_json TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CONSTRAINT uq_rubric_versions_hash UNIQUE (rubric_id, content_hash)
);

CREATE TABLE forms (
    id              TEXT NOT NULL PRIMARY KEY,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    definition_json TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    published_at    TEXT NULL,
    published_by    TEXT NULL
);

-- Part One: the MCQ versions in delivery order.
CREATE TABLE form_items (
    form_id         TEXT NOT NULL REFERENCES forms (id),
    position        INTEGER NOT NULL,
    item_version_id INTEGER NOT NULL REFERENCES item_versions (id),
    PRIMARY KEY (form_id, position)
);
CREATE INDEX ix_form_items_version ON form_items (item_version_id);

-- Part Two: per track, the essay versions offered and the rubric version each is scored on.
CREATE TABLE form_essays (
    form_id           TEXT NOT NULL REFERENCES forms (id),
    track             TEXT NOT NULL,
    position          INTEGER NOT NULL,
    item_version_id   INTEGER NOT NULL REFERENCES item_versions (id),
    rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions (id),
    essay_set         TEXT NOT NULL CHECK (essay_set IN ('Clinical', 'Supervisory', 'Policy', 'Teaching', 'Research')),
    PRIMARY KEY (form_id, track, position)
);
CREATE INDEX ix_form_essays_version ON form_essays (item_version_id);

-- A version's content never changes: a change is a new version.
CREATE TRIGGER item_versions_content_immutable BEFORE UPDATE OF item_id, content_hash, content_json, author ON item_versions
BEGIN SELECT RAISE(ABORT, 'an item version never changes; a change is a new version'); END;
CREATE TRIGGER rubric_versions_immutable BEFORE UPDATE ON rubric_versions
BEGIN SELECT RAISE(ABORT, 'a rubric version never changes; a change is a new version'); END;

-- A published (or retired) form never changes: neither its definition nor what it pins.
CREATE TRIGGER forms_published_never_change BEFORE UPDATE OF title, definition_json ON forms
WHEN OLD.status <> 'draft' AND (NEW.title <> OLD.title OR NEW.definition_json <> OLD.definition_json)
BEGIN SELECT RAISE(ABORT, 'a published form never changes; publish a new form'); END;
CREATE TRIGGER form_items_no_insert BEFORE INSERT ON form_items
WHEN (SELECT status FROM forms WHERE id = NEW.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned items of a published form never change'); END;
CREATE TRIGGER form_items_no_update BEFORE UPDATE ON form_items
WHEN (SELECT status FROM forms WHERE id = OLD.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned items of a published form never change'); END;
CREATE TRIGGER form_items_no_delete BEFORE DELETE ON form_items
WHEN (SELECT status FROM forms WHERE id = OLD.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned items of a published form never change'); END;
CREATE TRIGGER form_essays_no_insert BEFORE INSERT ON form_essays
WHEN (SELECT status FROM forms WHERE id = NEW.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned essays of a published form never change'); END;
CREATE TRIGGER form_essays_no_update BEFORE UPDATE ON form_essays
WHEN (SELECT status FROM forms WHERE id = OLD.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned essays of a published form never change'); END;
CREATE TRIGGER form_essays_no_delete BEFORE DELETE ON form_essays
WHEN (SELECT status FROM forms WHERE id = OLD.form_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the pinned essays of a published form never change'); END;
