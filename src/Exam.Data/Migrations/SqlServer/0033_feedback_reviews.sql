-- Feedback review: what a candidate reads about an essay, approved or edited by a lead rater or the committee before
-- release. source is the proposed text the review was made of (the feedback of the reads that count): when the reads
-- change, the review no longer matches and the essay waits for review again. version lets two reviewers saving at once
-- find out, rather than the second silently overwriting the first.
CREATE TABLE feedback_reviews (
    response_id BIGINT NOT NULL PRIMARY KEY REFERENCES rating_responses (id),
    source      NVARCHAR(MAX) NOT NULL,
    feedback    NVARCHAR(MAX) NOT NULL,
    edited      BIT NOT NULL,
    version     INT NOT NULL,
    reviewed_by NVARCHAR(100) NOT NULL,
    reviewed_at DATETIMEOFFSET NOT NULL
);
