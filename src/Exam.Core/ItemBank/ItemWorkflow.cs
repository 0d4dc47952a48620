namespace Exam.Core.ItemBank;

/// <summary>The outcome of a workflow step: the status after it, or why it was refused.</summary>
public sealed record WorkflowResult(bool Succeeded, ItemStatus Status, string? Error)
{
    public static WorkflowResult Ok(ItemStatus status) => new(true, status, null);
    public static WorkflowResult Refused(ItemStatus status, string error) => new(false, status, error);
}

/// <summary>
/// The review rules for item and rubric versions (one rule for both): draft → in-review → approved → retired, and in-review → draft when a
/// reviewer asks for changes; retired is final. Nobody approves a version they authored, and a version is
/// approved when <see cref="RequiredReviewers"/> distinct reviewers (none of them the author) have approved it.
/// </summary>
public sealed class ItemWorkflow
{
    public ItemWorkflow(int requiredReviewers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requiredReviewers, 1);
        RequiredReviewers = requiredReviewers;
    }

    public int RequiredReviewers { get; }

    /// <summary>The single steps the workflow allows.</summary>
    public static bool IsAllowed(ItemStatus from, ItemStatus to) => (from, to) switch
    {
        (ItemStatus.Draft, ItemStatus.InReview) => true,
        (ItemStatus.InReview, ItemStatus.Approved) => true,
        (ItemStatus.InReview, ItemStatus.Draft) => true,
        (ItemStatus.Approved, ItemStatus.Retired) => true,
        _ => false,
    };

    /// <summary>
    /// A status change that an imported file may make to a stored version: any allowed step, or a jump forward
    /// along draft → in-review → approved → retired (the file is a snapshot, not a log of steps).
    /// </summary>
    public static bool IsAllowedFileChange(ItemStatus from, ItemStatus to) =>
        from == to || IsAllowed(from, to) || (from != ItemStatus.Retired && (int)to > (int)from);

    public static bool SamePerson(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    public WorkflowResult Submit(ItemStatus current) => Step(current, ItemStatus.InReview, "submit for review");

    public WorkflowResult RequestChanges(ItemStatus current) => Step(current, ItemStatus.Draft, "request changes to");

    public WorkflowResult Retire(ItemStatus current) => Step(current, ItemStatus.Retired, "retire");

    /// <summary>
    /// One reviewer approves. The version becomes approved once enough distinct reviewers have; until then it stays
    /// in review with the approval recorded.
    /// </summary>
    public WorkflowResult Approve(ItemStatus current, string author, IEnumerable<string> earlierApprovers, string reviewer)
    {
        if (current != ItemStatus.InReview)
            return WorkflowResult.Refused(current, $"only a version in review can be approved; this one is {ItemBankCodes.Code(current)}");
        if (SamePerson(author, reviewer))
            return WorkflowResult.Refused(current, $"{reviewer} wrote this version and cannot approve it");
        var approvers = earlierApprovers.Where(a => !SamePerson(a, author)).Select(a => a.Trim().ToLowerInvariant()).ToHashSet();
        if (!approvers.Add(reviewer.Trim().ToLowerInvariant()))
            return WorkflowResult.Refused(current, $"{reviewer} has already approved this version");
        return WorkflowResult.Ok(approvers.Count >= RequiredReviewers ? ItemStatus.Approved : ItemStatus.InReview);
    }

    /// <summary>
    /// Checks a status and reviewer list as a file states them. Null when consistent; otherwise the one problem
    /// (the author among the reviewers is reported before a shortage of reviewers).
    /// </summary>
    public string? CheckReviewers(ItemStatus status, string author, IReadOnlyList<string> reviewers)
    {
        if (reviewers.Any(r => SamePerson(r, author)))
            return $"the author '{author}' is among the reviewers; nobody approves a version they wrote";
        var distinct = reviewers.Select(r => r.Trim().ToLowerInvariant()).Distinct().Count();
        if (status == ItemStatus.Approved && distinct < RequiredReviewers)
        {
            return $"status approved needs {RequiredReviewers} reviewer{(RequiredReviewers == 1 ? "" : "s")} other than the author; " +
                   $"{(distinct == 0 ? "none is" : distinct == 1 ? "1 is" : $"{distinct} are")} listed";
        }
        return null;
    }

    private static WorkflowResult Step(ItemStatus current, ItemStatus to, string verb) =>
        IsAllowed(current, to)
            ? WorkflowResult.Ok(to)
            : WorkflowResult.Refused(current, $"cannot {verb} a version that is {ItemBankCodes.Code(current)}");
}
