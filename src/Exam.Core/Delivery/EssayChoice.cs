using Exam.Core.ItemBank;

namespace Exam.Core.Delivery;

/// <summary>An essay offered to a track, in the form's order, with the set it belongs to.</summary>
public sealed record OfferedEssay(long ItemVersionId, EssaySet Set);

/// <summary>
/// Part Two's choice rule: a track answers <see cref="TrackEssays.Choose"/> of the essays offered, and its choice must
/// include at least the number of each set the form requires ("one supervisory and one clinical"). Checked when a
/// candidate ticks an essay, again at submission, and it decides which essays go to rating.
/// </summary>
public sealed class EssayChoice
{
    private readonly IReadOnlyList<OfferedEssay> _offered;
    private readonly int _choose;
    private readonly IReadOnlyList<KeyValuePair<EssaySet, int>> _require;

    /// <param name="track">The form's rule for the candidate's track; null means "answer every essay offered".</param>
    public EssayChoice(TrackEssays? track, IReadOnlyList<OfferedEssay> offered)
    {
        _offered = offered;
        _choose = Math.Min(track?.Choose ?? offered.Count, offered.Count);
        _require = track?.Require ?? [];
    }

    /// <summary>How many essays count: the number to answer.</summary>
    public int Choose => _choose;

    /// <summary>
    /// Why this choice cannot stand, in words for the candidate, or null when it can still be completed: no more than the
    /// number to answer, and room left for every set still required. Essays not offered are ignored.
    /// </summary>
    public string? Problem(IReadOnlyCollection<long> chosen)
    {
        var picked = _offered.Where(e => chosen.Contains(e.ItemVersionId)).ToList();
        if (picked.Count > _choose)
            return $"You can answer {_choose} of the {_offered.Count} essays. Untick one before choosing another.";
        return StillNeeded(picked) > _choose - picked.Count
            ? $"Your choice must include {Required()}. Untick an essay of another kind first."
            : null;
    }

    /// <summary>
    /// The essays that are rated and scored, in the form's order: those chosen and written, taken while they keep the
    /// choice completable. A valid choice is taken whole; an invalid one (a request that got round the save check) is cut
    /// to the first essays that fit, never widened.
    /// </summary>
    public IReadOnlyList<long> Rated(IEnumerable<long> chosenAndWritten)
    {
        var candidates = chosenAndWritten.ToHashSet();
        var taken = new List<OfferedEssay>();
        foreach (var essay in _offered.Where(e => candidates.Contains(e.ItemVersionId)))
            if (Problem(taken.Append(essay).Select(e => e.ItemVersionId).ToList()) is null) taken.Add(essay);
        return taken.Select(e => e.ItemVersionId).ToList();
    }

    /// <summary>The guidance the page shows, from the same rule.</summary>
    public string Guidance() => _choose < _offered.Count
        ? $"Answer {_choose} of the {_offered.Count} essays. Tick \"Answer this essay\" for the ones you choose; you can change your choice until you submit."
          + (_require.Count > 0 ? $" Your choice must include {Required()}." : "")
        : $"Answer all {_offered.Count} essays.";

    private int StillNeeded(IReadOnlyList<OfferedEssay> picked) =>
        _require.Sum(r => Math.Max(0, r.Value - picked.Count(e => e.Set == r.Key)));

    private string Required() =>
        string.Join(" and ", _require.Select(r => $"{r.Value} {ItemBankCodes.Code(r.Key)} essay{(r.Value > 1 ? "s" : "")}"));
}
