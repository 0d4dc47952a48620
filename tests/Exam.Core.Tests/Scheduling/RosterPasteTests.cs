using Exam.Core.Scheduling;

namespace Exam.Core.Tests.Scheduling;

public sealed class RosterPasteTests
{
    [Fact]
    public void A_spreadsheet_paste_with_a_heading_reads_new_candidates_and_candidates_on_record()
    {
        var read = RosterPaste.Read(
            "Name\tEmail\tAssociation\tTrack\tParts\r\n" +
            "Lena Ortiz\tlena@example.org\tMichigan AIMH\tIMHS\t1+2\r\n" +
            "\r\n" +
            "Sam Lee\tsam@example.org\tMichigan AIMH\tIMHM-C\t2\r\n" +
            "100234\t1\r\n");
        Assert.Empty(read.Errors);
        Assert.Equal(
            [
                new RosterLine(2, null, "Lena Ortiz", "lena@example.org", "Michigan AIMH", "IMHS", true, true),
                new RosterLine(4, null, "Sam Lee", "sam@example.org", "Michigan AIMH", "IMHM-C", false, true),
                new RosterLine(5, "100234", null, null, null, null, true, false),
            ], read.Lines);
    }

    [Fact]
    public void Comma_separated_lines_without_parts_sit_both_parts()
    {
        var read = RosterPaste.Read("Ana Ruiz, ana@example.org, Michigan AIMH, IMHS\n100235");
        Assert.Empty(read.Errors);
        Assert.All(read.Lines, l => Assert.True(l.PartOne && l.PartTwo));
        Assert.Equal("Ana Ruiz", read.Lines[0].FullName);
    }

    [Fact]
    public void Every_bad_line_is_named_and_nothing_is_read()
    {
        var read = RosterPaste.Read(
            "Ana Ruiz, ana@example.org, Michigan AIMH, IMHS\n" +
            "Ortiz, Lena, lena@example.org, Michigan AIMH, IMHS, 1\n" +
            "Sam Lee, sam@example.org, Michigan AIMH, IMHS, 3\n" +
            "100234, 1, 2\n" +
            "Ana R., ANA@example.org, Michigan AIMH, IMHS\n" +
            "100235\n100235, 2");
        Assert.Empty(read.Lines);
        Assert.Equal(
            [
                "Line 2: expected " + RosterPaste.Format + "; found 6 cells. A name or association with a comma: paste from a spreadsheet (tab-separated) instead.",
                "Line 3: parts '3' is not 1, 2 or 1+2.",
                "Line 4: after a candidate number, only the parts (1, 2 or 1+2) may follow.",
                "Lines 1 and 5: the same email (ana@example.org) twice.",
                "Lines 6 and 7: candidate 100235 twice.",
            ], read.Errors);
    }

    [Fact]
    public void An_empty_paste_and_one_too_long_are_refused()
    {
        Assert.Equal(["Paste at least one line: " + RosterPaste.Format + "."], RosterPaste.Read(" \n\n").Errors);
        var many = string.Join("\n", Enumerable.Range(0, RosterPaste.MaxLines + 1).Select(i => $"P{i}, p{i}@example.org, MI, IMHS"));
        Assert.Equal([$"Paste at most {RosterPaste.MaxLines} lines at a time; this paste has {RosterPaste.MaxLines + 1}."], RosterPaste.Read(many).Errors);
        Assert.Single(RosterPaste.Read(null).Errors);
    }

    [Fact]
    public void A_name_that_begins_like_a_heading_is_a_candidate()
    {
        var read = RosterPaste.Read("Nameeta Patel, nameeta@example.org, Michigan AIMH, IMHS");
        Assert.Equal("Nameeta Patel", Assert.Single(read.Lines).FullName);
    }
}
