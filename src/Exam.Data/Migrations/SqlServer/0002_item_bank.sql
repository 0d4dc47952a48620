-- The item bank: items and their immutable versions, reviews, rubric versions, and exam forms with the versions
-- they pin. Statuses are spelled as in the item bank files (draft, in-review, approved, retired).
CREATE TABLE items (
    id         NVARCHAR(100) NOT NULL PRIMARY KEY,
    type       NVARCHAR(10) NOT NULL CHECK (type IN (N'mcq', N'essay')),
    created_at DATETIMEOFFSET NOT NULL
);

CREATE TABLE item_versions (
    id                BIGINT IDENTITY(1,1) PRIMARY KEY,
    item_id           NVARCHAR(100) NOT NULL REFERENCES items (id),
    version_no        INT NOT NULL,
    content_hash      NVARCHAR(64) NOT NULL,
    content_json      NVARCHAR(MAX) NOT NULL,
    status            NVARCHAR(20) NOT NULL CHECK (status IN (N'draft', N'in-review', N'approved', N'retired')),
    author            NVARCHAR(200) NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    status_changed_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_item_versions_hash UNIQUE (item_id, content_hash),
    CONSTRAINT uq_item_versions_no UNIQUE (item_id, version_no)
);

CREATE TABLE item_reviews (
    id              BIGINT IDENTITY(1,1) PRIMARY KEY,
    item_version_id BIGINT NOT NULL REFERENCES item_versions (id),
    reviewer        NVARCHAR(200) NOT NULL,
    decision        NVARCHAR(20) NOT NULL CHECK (decision IN (N'approved', N'changes-requested', N'comment')),
    comment         NVARCHAR(MAX) NULL,
    at              DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_item_reviews_version ON item_reviews (item_version_id);

CREATE TABLE rubric_versions (
    id           BIGINT IDENTITY(1,1) PRIMARY KEY,
    rubric_id    NVARCHAR(100) NOT NULL,
    content_hash NVARCHAR(64) NOT NULL,
    content_json NVARCHAR(MAX) NOT NULL,
    created_at   DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_rubric_versions_hash UNIQUE (rubric_id, content_hash)
);

CREATE TABLE forms (
    id              NVARCHAR(100) NOT NULL PRIMARY KEY,
    title           NVARCHAR(400) NOT NULL,
    status          NVARCHAR(20) NOT NULL CHECK (status IN (N'draft', N'published', N'retired')),
    definition_json NVARCHAR(MAX) NOT NULL,
    created_at      DATETIMEOFFSET NOT NULL,
    published_at    DATETIMEOFFSET NULL,
    published_by    NVARCHAR(200) NULL
);

-- Part One: the MCQ versions in delivery order.
CREATE TABLE form_items (
    form_id         NVARCHAR(100) NOT NULL REFERENCES forms (id),
    position        INT NOT NULL,
    item_version_id BIGINT NOT NULL REFERENCES item_versions (id),
    PRIMARY KEY (form_id, position)
);
CREATE INDEX ix_form_items_version ON form_items (item_version_id);

-- Part Two: per track, the essay versions offered and the rubric version each is scored on.
CREATE TABLE form_essays (
    form_id           NVARCHAR(100) NOT NULL REFERENCES forms (id),
    track             NVARCHAR(20) NOT NULL,
    position          INT NOT NULL,
    item_version_id   BIGINT NOT NULL REFERENCES item_versions (id),
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_versions (id),
    essay_set         NVARCHAR(20) NOT NULL CHECK (essay_set IN (N'Clinical', N'Supervisory', N'Policy', N'Teaching', N'Research')),
    PRIMARY KEY (form_id, track, position)
);
CREATE INDEX ix_form_essays_version ON form_essays (item_version_id);
GO
-- A version's content never changes: a change is a new version.
CREATE TRIGGER item_versions_content_immutable ON item_versions AFTER UPDATE
AS
BEGIN
    IF UPDATE(item_id) OR UPDATE(content_hash) OR UPDATE(content_json) OR UPDATE(author)
        THROW 50010, 'an item version never changes; a change is a new version', 1;
END;
GO
CREATE TRIGGER rubric_versions_immutable ON rubric_versions AFTER UPDATE
AS
BEGIN
    THROW 50011, 'a rubric version never changes; a change is a new version', 1;
END;
GO
-- A published (or retired) form never changes: neither its definition nor what it pins.
CREATE TRIGGER forms_published_never_change ON forms AFTER UPDATE
AS
BEGIN
    IF EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.id = i.id
               WHERE d.status <> N'draft' AND (i.title <> d.title OR i.definition_json <> d.definition_json))
        THROW 50012, 'a published form never changes; publish a new form', 1;
END;
GO
CREATE TRIGGER form_items_pinned ON form_items AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    IF EXISTS (SELECT 1 FROM forms f
               WHERE f.status <> N'draft'
                 AND (f.id IN (SELECT form_id FROM inserted) OR f.id IN (SELECT form_id FROM deleted)))
        THROW 50013, 'the pinned items of a published form never change', 1;
END;
GO
CREATE TRIGGER form_essays_pinned ON form_essays AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    IF EXISTS (SELECT 1 FROM forms f
               WHERE f.status <> N'draft'
                 AND (f.id IN (SELECT form_id FROM inserted) OR f.id IN (SELECT form_id FROM deleted)))
        THROW 50014, 'the pinned essays of a published form never change', 1;
END;
