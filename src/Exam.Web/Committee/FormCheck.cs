using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;

namespace Exam.Web.Committee;

/// <summary>
/// Every problem that stops a draft form from being published, each in its own sentence: the linter's rules for forms
/// (pins that exist and are approved, MCQs in Part One and essays in Part Two, no item twice, the blueprint met
/// exactly, every Part One item suiting every track that sits the form, no two enemies in Part One, known domains and tracks, rubrics pinned, each
/// track able to meet its choose and require), but all of them at once, blueprint deviations included, so the
/// committee sees the whole list.
/// </summary>
public static class FormCheck
{
    public static IReadOnlyList<string> Problems(
        FormDefinition form, IReadOnlyDictionary<ItemPin, StoredItemVersion> versions, IReadOnlyDictionary<ItemPin, StoredRubricVersion> storedRubrics, BankBlueprint bank,
        EnemyPairs enemies)
    {
        var problems = new List<string>();

        // Part One
        var one = form.PartOne;
        if (one.Blueprint.Total == 0) problems.Add("The blueprint asks for no items: give at least one domain a count.");
        if (one.Items.Count == 0) problems.Add("Part One has no items yet: auto-assemble it.");
        var firstAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var domains = new List<string>();
        var levels = new List<(ItemPin Pin, Level Level, Designation Designation)>();
        var positions = new Dictionary<ItemPin, int>();
        for (var i = 0; i < one.Items.Count; i++)
        {
            var pin = one.Items[i];
            var position = i + 1;
            if (firstAt.TryGetValue(pin.Id, out var first))
            {
                problems.Add($"{pin.Id} is in Part One twice (positions {first} and {position}).");
                continue;
            }
            firstAt[pin.Id] = position;
            if (!versions.TryGetValue(pin, out var version))
            {
                problems.Add($"Part One position {position}: {pin} is not in the bank.");
                continue;
            }
            var content = version.Content;
            if (content.Type != ItemType.Mcq)
            {
                problems.Add($"Part One position {position}: {pin.Id} is an essay; Part One takes MCQs.");
                continue;
            }
            domains.Add(content.PrimaryDomain!);
            levels.Add((pin, content.Level, content.Designation));
            positions[pin] = position;
            if (version.ItemStatus != ItemStatus.Approved)
                problems.Add($"Part One position {position}: {pin.Id} version {version.VersionNo} is {version.Status}, not approved.");
        }
        if (one.Items.Count > 0)
        {
            foreach (var d in one.Blueprint.Validate(domains))
            {
                var name = bank.DomainName(d.DomainId);
                problems.Add(d.Difference < 0
                    ? $"Blueprint shortfall: {name} has {d.Actual} of {d.Required} ({-d.Difference} short)."
                    : $"Blueprint excess: {name} has {d.Actual} of {d.Required} ({d.Difference} too many).");
            }
        }

        foreach (var (domain, _) in one.Blueprint.Counts.Where(c => !bank.IsKnownDomain(c.Key)))
            problems.Add($"The blueprint names an unknown domain '{domain}'.");
        foreach (var misfit in PartOneLevels.Misfits(levels, PartOneLevels.SittingTracks(bank, form)))
            problems.Add($"Part One position {positions[misfit.Pin]}: {misfit}. Part One is shared: swap it for an item every track is examined on.");
        foreach (var v in enemies.Violations(one.Items.Select(p => p.Id).ToList()))
            problems.Add($"Part One: {v}. Swap one of them.");

        // Part Two
        var two = form.PartTwo;
        if (two.Tracks.Count == 0) problems.Add("Part Two offers essays to no track.");
        foreach (var track in two.Tracks)
        {
            var t = track.Track;
            if (!bank.IsKnownTrack(t))
            {
                problems.Add($"Part Two names an unknown track '{t}'.");
                continue;
            }
            var sets = new List<EssaySet>();
            var inTrack = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pin in track.Items)
            {
                if (!inTrack.Add(pin.Id))
                {
                    problems.Add($"{t}: {pin.Id} is offered twice.");
                    continue;
                }
                if (!versions.TryGetValue(pin, out var version))
                {
                    problems.Add($"{t}: {pin} is not in the bank.");
                    continue;
                }
                var content = version.Content;
                if (content.Type != ItemType.Essay)
                {
                    problems.Add($"{t}: {pin.Id} is an MCQ; Part Two takes essays.");
                    continue;
                }
                sets.Add(content.EssaySet!.Value);
                if (version.ItemStatus != ItemStatus.Approved)
                    problems.Add($"{t}: {pin.Id} version {version.VersionNo} is {version.Status}, not approved.");
                if (!two.Rubrics.Any(r => r.Id == content.Rubric))
                    problems.Add($"{t}: {pin.Id} is scored on rubric '{content.Rubric}', which the form does not pin.");
            }
            if (track.Choose < 1) problems.Add($"{t}: candidates must choose at least 1 essay.");
            if (track.Choose > track.Items.Count) problems.Add($"{t} chooses {track.Choose} essays but offers {track.Items.Count}.");
            var required = track.Require.Sum(r => r.Value);
            if (required > track.Choose) problems.Add($"{t} requires {required} essays but chooses {track.Choose}.");
            foreach (var (set, n) in track.Require)
            {
                var offered = sets.Count(s => s == set);
                if (offered < n) problems.Add($"{t} requires {n} {ItemBankCodes.Code(set)} essay{(n == 1 ? "" : "s")} but offers {offered}.");
            }
        }
        foreach (var pin in two.Rubrics)
        {
            if (!storedRubrics.TryGetValue(pin, out var rubric)) problems.Add($"Part Two pins rubric {pin}, which is not in the bank.");
            else if (rubric.ItemStatus != ItemStatus.Approved)
                problems.Add($"Part Two pins rubric {pin.Id} version {rubric.VersionNo}, which is {rubric.Status}, not approved.");
        }
        return problems;
    }
}
