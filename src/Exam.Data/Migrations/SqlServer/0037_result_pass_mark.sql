-- The Part One pass mark a result met, as the score report states it: the committee's adopted raw cut out of the scored
-- items (a standard-setting study) when the key version carried one, else null and part_one_cut (the published percent)
-- applies. Without these a report decided on an adopted cut would show the published percent.
ALTER TABLE exam_results ADD part_one_cut_raw INT NULL;
ALTER TABLE exam_results ADD part_one_cut_out_of INT NULL;
GO
