using Exam.Core.Delivery;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;

namespace Exam.Web.Delivery;

/// <summary>Part Two's choice rule for one track, built from a form as stored or as delivered.</summary>
public static class EssayChoices
{
    public static EssayChoice For(FormDefinition form, string track, IEnumerable<StoredFormEssay> pinned) =>
        new(form.PartTwo.Tracks.FirstOrDefault(t => t.Track == track),
            pinned.Where(p => p.Track == track).OrderBy(p => p.Position)
                .Select(p => new OfferedEssay(p.ItemVersionId, ItemBankCodes.Parse<EssaySet>(p.EssaySet))).ToList());

    public static EssayChoice For(FormContent form, string track) =>
        new(form.Track(track), form.EssaysFor(track).Select(e => new OfferedEssay(e.ItemVersionId, e.EssaySet)).ToList());
}
