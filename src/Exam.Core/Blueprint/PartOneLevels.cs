using Exam.Core.ItemBank;

namespace Exam.Core.Blueprint;

/// <summary>A Part One item that some track sitting the form is not examined on.</summary>
public sealed record LevelMisfit(ItemPin Pin, Level Level, Designation Designation, ExamTrack Track)
{
    public override string ToString() =>
        $"{Pin.Id} is written for level {ItemBankCodes.Code(Level)}, designation {ItemBankCodes.Code(Designation)}, " +
        $"but {Track.Id} (level {ItemBankCodes.Code(Track.Level)}{(Track.Designation is { } d ? ", designation " + ItemBankCodes.Code(d) : "")}) sits this form";
}

/// <summary>
/// Part One is shared: every track that sits a form answers the same MCQs, so each item must suit every one of them
/// (a Level IV-only item has no place in a form a Level III candidate sits). The tracks that sit a form are those its
/// Part Two names; a form naming none is sat by every track of the bank.
/// </summary>
public static class PartOneLevels
{
    public static IReadOnlyList<ExamTrack> SittingTracks(BankBlueprint bank, FormDefinition form)
    {
        var named = form.PartTwo.Tracks.Select(t => bank.Track(t.Track)).OfType<ExamTrack>().ToList();
        return named.Count > 0 ? named : bank.Tracks;
    }

    /// <summary>Whether an item of this level and designation suits every track.</summary>
    public static bool SuitsAll(IEnumerable<ExamTrack> tracks, Level level, Designation designation) =>
        tracks.All(t => BankBlueprint.Suits(t, level, designation));

    /// <summary>The first track each item does not suit, in Part One order.</summary>
    public static IReadOnlyList<LevelMisfit> Misfits(IEnumerable<(ItemPin Pin, Level Level, Designation Designation)> items,
        IReadOnlyList<ExamTrack> tracks) =>
        items.Select(i => tracks.FirstOrDefault(t => !BankBlueprint.Suits(t, i.Level, i.Designation)) is { } track
                ? new LevelMisfit(i.Pin, i.Level, i.Designation, track)
                : null)
            .OfType<LevelMisfit>()
            .ToList();
}
