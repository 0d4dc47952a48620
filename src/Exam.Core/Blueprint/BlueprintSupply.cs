using Exam.Core.ItemBank;

namespace Exam.Core.Blueprint;

/// <summary>
/// A domain of the default Part One the bank cannot fill: <see cref="Approved"/> approved MCQs count toward it, of which
/// <see cref="SuitEveryTrack"/> suit every track (Part One is shared). <see cref="ShutOut"/> is the first track that
/// shuts items out when the bank has enough items but too few of a level every track sits (the level rule); null when
/// the bank simply has too few.
/// </summary>
public sealed record SupplyShortfall(string DomainId, int Required, int Approved, int SuitEveryTrack, ExamTrack? ShutOut)
{
    public string Describe(BankBlueprint bank) => ShutOut is { } shut
        ? $"the default Part One asks for {Required} {bank.DomainName(DomainId)} items, but only {SuitEveryTrack} of the {Approved} approved " +
          $"suit every track: Part One is shared, and {shut.Id} ({bank.LevelName(shut.Level)}) is not examined on the others; " +
          "lower the count or write items of level both"
        : $"the default Part One asks for {Required} {bank.DomainName(DomainId)} items, but the bank has {SuitEveryTrack} approved that suit " +
          $"every track ({Required - SuitEveryTrack} short): no form can be assembled to it until more are written and approved";
}

/// <summary>Whether the bank's approved MCQs can fill a blueprint's default Part One, domain by domain.</summary>
public static class BlueprintSupply
{
    public static IReadOnlyList<SupplyShortfall> Check(BankBlueprint blueprint, IEnumerable<ItemContent> approvedMcqs)
    {
        var mcqs = approvedMcqs.Where(m => m.Type == ItemType.Mcq).ToList();
        var shortfalls = new List<SupplyShortfall>();
        foreach (var (domain, required) in blueprint.PartOne.Blueprint.Counts.Where(x => x.Value > 0))
        {
            var inDomain = mcqs.Where(m => m.PrimaryDomain == domain).ToList();
            var suitable = inDomain.Count(m => PartOneLevels.SuitsAll(blueprint.Tracks, m.Level, m.Designation));
            if (suitable >= required) continue;
            var shut = inDomain.Count < required ? null
                : blueprint.Tracks.First(t => inDomain.Count(m => BankBlueprint.Suits(t, m.Level, m.Designation)) < required);
            shortfalls.Add(new SupplyShortfall(domain, required, inDomain.Count, suitable, shut));
        }
        return shortfalls;
    }
}
