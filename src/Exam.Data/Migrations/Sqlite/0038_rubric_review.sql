-- Rubrics are reviewed like items: each version has a number, an author and a status (draft, in-review, approved,
-- retired), and review decisions of its own. Only the status moves; the content and the author never change.
-- Versions stored before this had no review: those a published or retired form pins have scored candidates, so they
-- stay usable as approved; the others become drafts. Their author was never recorded (''): the next import of the
-- rubric's file records it, once.
DROP TRIGGER rubric_versions_immutable;
ALTER TABLE rubric_versions ADD COLUMN version_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rubric_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in-review', 'approved', 'retired'));
ALTER TABLE rubric_versions ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE rubric_versions ADD COLUMN status_changed_at TEXT NULL;
UPDATE rubric_versions SET
    version_no = (SELECT COUNT(*) FROM rubric_versions q WHERE q.rubric_id = rubric_versions.rubric_id AND q.id <= rubric_versions.id),
    status_changed_at = created_at,
    status = CASE WHEN EXISTS (SELECT 1 FROM form_essays fe JOIN forms f ON f.id = fe.form_id
                               WHERE fe.rubric_version_id = rubric_versions.id AND f.status <> 'draft')
                  THEN 'approved' ELSE 'draft' END;
CREATE UNIQUE INDEX uq_rubric_versions_no ON rubric_versions (rubric_id, version_no);

CREATE TRIGGER rubric_versions_content_immutable BEFORE UPDATE OF rubric_id, content_hash, content_json, version_no, created_at ON rubric_versions
BEGIN SELECT RAISE(ABORT, 'a rubric version never changes; a change is a new version'); END;
CREATE TRIGGER rubric_versions_author_once BEFORE UPDATE OF author ON rubric_versions
WHEN OLD.author <> '' AND NEW.author <> OLD.author
BEGIN SELECT RAISE(ABORT, 'a rubric version never changes its author'); END;

CREATE TABLE rubric_reviews (
    id                INTEGER PRIMARY KEY,
    rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions (id),
    reviewer          TEXT NOT NULL,
    decision          TEXT NOT NULL CHECK (decision IN ('approved', 'changes-requested', 'comment')),
    comment           TEXT NULL,
    at                TEXT NOT NULL
);
CREATE INDEX ix_rubric_reviews_version ON rubric_reviews (rubric_version_id);
