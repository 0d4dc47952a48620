using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;
using Exam.ItemBank.Files;

namespace Exam.ItemBank.Services;

/// <summary>A form's cue report, and the pins it could not resolve (left out of the figures).</summary>
public sealed record FormCues(FormDefinition Form, CueReport Report, IReadOnlyList<ItemPin> Unresolved);

/// <summary>
/// The cue reports of a bank folder: the bank (its MCQ files, retired ones left out, as the committee's script counts
/// them) and each form's Part One as pinned (a pin resolves to the item file when it is that file's content, else to a
/// stored version when a database was consulted).
/// </summary>
public static class BankCues
{
    public static CueReport Bank(BankFiles files) => CueReport.Of(files.Items
        .Select(i => i.Document)
        .OfType<ItemDocument>()
        .Where(d => d.Status != ItemStatus.Retired)
        .Select(d => d.Content));

    public static FormCues Form(BankFiles files, FormDefinition form, StoredBank? stored)
    {
        var contents = new List<ItemContent>();
        var unresolved = new List<ItemPin>();
        foreach (var pin in form.PartOne.Items)
        {
            var file = files.Items.FirstOrDefault(i => i.Id == pin.Id && i.Document?.Content.Version == pin.Hash)?.Document?.Content;
            var content = file ?? stored?.ItemVersion(pin.Id, pin.Hash)?.Content;
            if (content is null) unresolved.Add(pin);
            else contents.Add(content);
        }
        return new FormCues(form, CueReport.Of(contents), unresolved);
    }

    public static IReadOnlyList<FormCues> Forms(BankFiles files, StoredBank? stored) =>
        files.Forms.Select(f => f.Form).OfType<FormDefinition>().Select(f => Form(files, f, stored)).ToList();
}
