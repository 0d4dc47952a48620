-- Rubrics are reviewed like items: each version has a number, an author and a status (draft, in-review, approved,
-- retired), and review decisions of its own. Only the status moves; the content and the author never change.
-- Versions stored before this had no review: those a published or retired form pins have scored candidates, so they
-- stay usable as approved; the others become drafts. Their author was never recorded (''): the next import of the
-- rubric's file records it, once.
DROP TRIGGER rubric_versions_immutable;
ALTER TABLE rubric_versions ADD version_no INT NOT NULL CONSTRAINT df_rubric_versions_version_no DEFAULT 0;
ALTER TABLE rubric_versions ADD status NVARCHAR(20) NOT NULL CONSTRAINT df_rubric_versions_status DEFAULT N'draft'
    CONSTRAINT ck_rubric_versions_status CHECK (status IN (N'draft', N'in-review', N'approved', N'retired'));
ALTER TABLE rubric_versions ADD author NVARCHAR(200) NOT NULL CONSTRAINT df_rubric_versions_author DEFAULT N'';
ALTER TABLE rubric_versions ADD status_changed_at DATETIMEOFFSET NULL;
GO
UPDATE r SET
    version_no = (SELECT COUNT(*) FROM rubric_versions q WHERE q.rubric_id = r.rubric_id AND q.id <= r.id),
    status_changed_at = r.created_at,
    status = CASE WHEN EXISTS (SELECT 1 FROM form_essays fe JOIN forms f ON f.id = fe.form_id
                               WHERE fe.rubric_version_id = r.id AND f.status <> N'draft')
                  THEN N'approved' ELSE N'draft' END
FROM rubric_versions r;
CREATE UNIQUE INDEX uq_rubric_versions_no ON rubric_versions (rubric_id, version_no);

CREATE TABLE rubric_reviews (
    id                BIGINT IDENTITY(1,1) PRIMARY KEY,
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_versions (id),
    reviewer          NVARCHAR(200) NOT NULL,
    decision          NVARCHAR(20) NOT NULL CHECK (decision IN (N'approved', N'changes-requested', N'comment')),
    comment           NVARCHAR(MAX) NULL,
    at                DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_rubric_reviews_version ON rubric_reviews (rubric_version_id);
GO
CREATE TRIGGER rubric_versions_content_immutable ON rubric_versions AFTER UPDATE
AS
BEGIN
    IF UPDATE(rubric_id) OR UPDATE(content_hash) OR UPDATE(content_json) OR UPDATE(version_no) OR UPDATE(created_at)
        OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.id = i.id WHERE d.author <> N'' AND i.author <> d.author)
        THROW 50011, 'a rubric version never changes; a change is a new version', 1;
END;
