using Exam.Core.Rating;

namespace Exam.Core.Tests.Rating;

public sealed class ReadEligibilityTests
{
    private static readonly EligibleRater Ann = new(1, "Ann", false, ["Clinical"]);
    private static readonly EligibleRater Lee = new(2, "Lee", true, ["Clinical"]);
    private static readonly EligibleRater Pat = new(3, "Pat", true, ["Policy"]);
    private static readonly EligibleRater[] All = [Ann, Lee, Pat];

    private static WaitingRead Read(int readNo, long[]? readBy = null, long[]? conflicted = null, long? assignedTo = null) =>
        new(10, "E-AAAAAAAA", "Clinical", readNo, assignedTo, readBy ?? [], conflicted ?? []);

    [Fact]
    public void A_blind_read_goes_to_anyone_in_the_set_who_has_not_read_it_and_declared_no_conflict()
    {
        Assert.Equal([Ann, Lee], ReadEligibility.Eligible(Read(2), All));
        Assert.Equal([Lee], ReadEligibility.Eligible(Read(2, readBy: [1]), All));
        Assert.False(ReadEligibility.IsStuck(Read(2, conflicted: [1]), All));
        Assert.True(ReadEligibility.IsStuck(Read(2, readBy: [1], conflicted: [2]), All));
    }

    [Fact]
    public void The_third_read_is_stuck_when_the_only_lead_of_the_set_already_read_it_and_says_so()
    {
        var read = Read(3, readBy: [1, 2]);
        Assert.True(ReadEligibility.IsStuck(read, All));
        Assert.Equal("the only lead rater of the Clinical set: 1 already read it", ReadEligibility.Reason(read, All));
        Assert.Equal([Pat], ReadEligibility.Assignable(read, All)); // a lead from another set may be named
    }

    [Fact]
    public void Reasons_name_an_empty_set_and_count_reads_and_conflicts()
    {
        Assert.Equal("no rater is assigned to the Clinical set", ReadEligibility.Reason(Read(1), [Pat]));
        Assert.Equal("all 2 raters of the Clinical set: 1 already read it, 1 declared a conflict of interest",
            ReadEligibility.Reason(Read(2, readBy: [1], conflicted: [2]), All));
    }

    [Fact]
    public void An_assigned_read_goes_only_to_the_person_named()
    {
        Assert.Equal([Pat], ReadEligibility.Eligible(Read(3, readBy: [1, 2], assignedTo: 3), All));
        Assert.Empty(ReadEligibility.Eligible(Read(1, assignedTo: 3, conflicted: [3]), All));
    }
}
