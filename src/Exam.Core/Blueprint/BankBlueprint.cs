using Exam.Core.ItemBank;

namespace Exam.Core.Blueprint;

/// <summary>A competency domain of the Competency Guidelines®: the blueprint tag on every item.</summary>
/// <param name="Levels">The endorsement levels whose competencies include it (Level IV adds three domains).</param>
public sealed record CompetencyDomain(string Id, string Name, IReadOnlyList<Level> Levels)
{
    public bool LevelFourOnly => !Levels.Contains(Level.III);
}

/// <summary>An endorsement track a candidate sits the exam for, and the essays it answers by default.</summary>
/// <param name="Designation">The Level IV designation the track carries (null for Level III).</param>
/// <param name="EssaySets">The essay sets a new form offers the track.</param>
/// <param name="Choose">How many essays the track answers.</param>
/// <param name="Require">At least this many of each essay set among those chosen.</param>
public sealed record ExamTrack(
    string Id, string Name, Level Level, Designation? Designation,
    IReadOnlyList<EssaySet> EssaySets, int Choose, IReadOnlyList<KeyValuePair<EssaySet, int>> Require);

/// <summary>
/// The bank's frame: levels, competency domains, tracks and the default Part One, read from
/// <c>itembank/blueprint.yaml</c> (or the committee's later version in the database) rather than code, so that the
/// committee changes a blueprint or a track's essay rule without a release. Domain and track ids are stable.
/// </summary>
public sealed record BankBlueprint
{
    public required IReadOnlyDictionary<Level, string> LevelNames { get; init; }

    /// <summary>In the order forms, blueprints and reports list them.</summary>
    public required IReadOnlyList<CompetencyDomain> Domains { get; init; }

    /// <summary>In the order forms list them.</summary>
    public required IReadOnlyList<ExamTrack> Tracks { get; init; }

    /// <summary>What a new form starts from.</summary>
    public required PartOneDefinition PartOne { get; init; }

    public bool IsKnownDomain(string id) => Domains.Any(d => d.Id == id);

    public CompetencyDomain? Domain(string id) => Domains.FirstOrDefault(d => d.Id == id);

    /// <summary>The domain's display name, or its id when the blueprint does not know it.</summary>
    public string DomainName(string id) => Domain(id)?.Name ?? id;

    public bool IsKnownTrack(string id) => Tracks.Any(t => t.Id == id);

    public ExamTrack? Track(string id) => Tracks.FirstOrDefault(t => t.Id == id);

    public string LevelName(Level level) => LevelNames.GetValueOrDefault(level) ?? "Level " + ItemBankCodes.Code(level);

    /// <summary>Position in <see cref="Tracks"/>, for a stable order; unknown tracks sort last.</summary>
    public int TrackOrder(string id)
    {
        for (var i = 0; i < Tracks.Count; i++)
            if (Tracks[i].Id == id) return i;
        return int.MaxValue;
    }

    /// <summary>Position in <see cref="Domains"/>; unknown domains sort last.</summary>
    public int DomainOrder(string id)
    {
        for (var i = 0; i < Domains.Count; i++)
            if (Domains[i].Id == id) return i;
        return int.MaxValue;
    }

    /// <summary>A blueprint's counts in this blueprint's domain order (unknown domains last, by id).</summary>
    public ItemBlueprint Ordered(IEnumerable<KeyValuePair<string, int>> counts) =>
        new(counts.OrderBy(c => DomainOrder(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal));

    /// <summary>Whether an item written for <paramref name="level"/> and <paramref name="designation"/> suits the track.</summary>
    public static bool Suits(ExamTrack track, Level level, Designation designation) =>
        (level == Level.Both || level == track.Level)
        && (track.Designation is null || designation == Designation.A || designation == track.Designation);
}
