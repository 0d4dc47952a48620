using Exam.Core.Accounts;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Fixtures;

/// <summary>
/// A small published form (MCQs whose rationales carry a unique marker, three clinical essays for IMHS) and
/// candidates registered on it, made through the real stores.
/// </summary>
public static class ExamSeed
{
    public sealed record Question(int Position, string Key, string KeyText, IReadOnlyList<string> Rationales);

    public sealed record Form(string Id, IReadOnlyList<Question> Questions, IReadOnlyList<long> EssayVersionIds, string Marker);

    public sealed record Seat(string CandidateNumber, string AccessCode, long RegistrationId, long SittingId, long CandidateId);

    public static async Task<Form> PublishedFormAsync(ExamAppFactory app, int questions = 6, int minutes = 90, bool adjudicatorSeesReads = false)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var marker = "RATIONALE" + tag;
        var bank = app.Services.GetRequiredService<ItemBankStore>();
        await using var s = await app.Db.BeginAsync();
        var pinned = new List<StoredItemVersion>();
        var made = new List<Question>();
        for (var i = 1; i <= questions; i++)
        {
            var key = "ABCD"[(i * 7) % 4].ToString();
            var content = new ItemContent
            {
                Id = $"w{tag}-{i}", Type = ItemType.Mcq, Level = Level.Both, Designation = Designation.A,
                Domains = [i % 2 == 0 ? "reflection" : "theoretical-foundations"], Author = "writer", References = ["Ref."],
                Key = key, Body = $"Stem number {i} of *this* test form?",
                Options = "ABCD".Select(l => new ItemOption(l.ToString(), $"Option {l} of question {i}", $"{marker} why {l} for {i}")).ToList(),
            };
            var v = await bank.AddItemVersionAsync(s, content, ItemStatus.Approved);
            pinned.Add(v);
            made.Add(new Question(i, key, $"Option {key} of question {i}", content.Options.Select(o => o.Rationale).ToList()));
        }
        var rubric = new Rubric
        {
            Id = "rubric-" + tag, Title = "Clinical", EssaySet = EssaySet.Clinical,
            Criteria = [new RubricCriterion("c1", "Observation", ["direct-service-skills"], ["none", "some", "good", "excellent"])],
            Notes = $"{marker} rater notes",
        };
        var rubricVersion = await bank.AddRubricVersionAsync(s, rubric, "rubric-writer", ItemStatus.Approved);
        var essays = new List<StoredItemVersion>();
        for (var i = 1; i <= 3; i++)
        {
            essays.Add(await bank.AddItemVersionAsync(s, new ItemContent
            {
                Id = $"we{tag}-{i}", Type = ItemType.Essay, Level = Level.Both, Designation = Designation.C, Domains = ["direct-service-skills"],
                Author = "writer", EssaySet = EssaySet.Clinical, Rubric = rubric.Id, Body = $"Clinical vignette {i}. What do you observe?",
            }, ItemStatus.Approved));
        }
        var formId = "form-" + tag;
        var definition = new FormDefinition
        {
            Id = formId, Title = "Test form " + tag,
            PartOne = new PartOneDefinition { Minutes = minutes, Items = pinned.Select(p => p.Pin).ToList() },
            PartTwo = new PartTwoDefinition
            {
                Minutes = minutes, Rubrics = [rubric.Pin], AdjudicatorSeesReads = adjudicatorSeesReads,
                Tracks = [new TrackEssays { Track = "IMHS", Choose = 2, Items = essays.Select(e => e.Pin).ToList() }],
            },
        };
        await bank.CreateFormAsync(s, definition);
        await bank.SetFormPinsAsync(s, formId, pinned.Select(p => p.Id).ToList(),
            essays.Select((e, i) => new StoredFormEssay { FormId = formId, Track = "IMHS", Position = i + 1, ItemVersionId = e.Id, RubricVersionId = rubricVersion.Id, EssaySet = "Clinical" }).ToList());
        await bank.SetFormStatusAsync(s, formId, FormStatus.Published, "test");
        await s.CommitAsync();
        return new Form(formId, made, essays.Select(e => e.Id).ToList(), marker);
    }

    public static async Task<Seat> SeatAsync(ExamAppFactory app, Form form, bool requiresAdmission = false, int extraTimePartOne = 0, bool partTwo = true)
    {
        var now = app.Clock.GetUtcNow();
        var number = Random.Shared.Next(200000, 999999).ToString();
        var code = AccessCode.Generate();
        await using var s = await app.Db.BeginAsync();
        var candidateId = await app.Services.GetRequiredService<CandidateStore>().CreateAsync(s, number, "Candidate " + number, $"c{number}@example.org", "Test AIMH", "IMHS");
        var sittingId = await app.Services.GetRequiredService<SittingStore>().CreateAsync(s, new Sitting
        {
            Title = "Sitting " + number, FormId = form.Id, OpensAt = now.AddMinutes(-30), ClosesAt = now.AddHours(8), Location = "Remote",
            RequiresAdmission = requiresAdmission,
        });
        var registrations = app.Services.GetRequiredService<RegistrationStore>();
        var registration = new Registration { CandidateId = candidateId, SittingId = sittingId, SitPartOne = true, SitPartTwo = partTwo, ExtraTimePartOne = extraTimePartOne };
        registration = registration with { Id = await registrations.CreateAsync(s, registration) };
        await registrations.IssueAccessCodeAsync(s, registration,
            app.Services.GetRequiredService<AccessCodeHasher>().Hash(AccessCode.Normalize(code)!), now.AddMinutes(-30), now.AddHours(8));
        await s.CommitAsync();
        return new Seat(number, code, registration.Id, sittingId, candidateId);
    }
}
