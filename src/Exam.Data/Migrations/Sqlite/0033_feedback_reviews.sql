-- Feedback review: what a candidate reads about an essay, approved or edited by a lead rater or the committee before
-- release. source is the proposed text the review was made of (the feedback of the reads that count): when the reads
-- change, the review no longer matches and the essay waits for review again. version lets two reviewers saving at once
-- find out, rather than the second silently overwriting the first.
CREATE TABLE feedback_reviews (
    response_id INTEGER PRIMARY KEY REFERENCES rating_responses (id),
    source      TEXT NOT NULL,
    feedback    TEXT NOT NULL,
    edited      INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
