-- lapsed_from: the rater whose claim on this read lapsed. They may take it back while it is still free (their submit
-- or heartbeat does), and when someone else has it they are told so and keep their draft, rather than a "not found".
-- assigned_to: a read nobody eligible could take, assigned by a lead or the committee to one named person; only they
-- may claim it, whatever their essay sets.
ALTER TABLE rating_tasks ADD lapsed_from BIGINT NULL REFERENCES staff_users (id);
ALTER TABLE rating_tasks ADD assigned_to BIGINT NULL REFERENCES staff_users (id);
