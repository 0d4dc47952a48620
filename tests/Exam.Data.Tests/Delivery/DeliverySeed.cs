using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Delivery;

/// <summary>The rows a delivery test stands on: an item version, a draft form, a sitting, a registration and an attempt.</summary>
internal static class DeliverySeed
{
    public sealed record Seeded(long AttemptId, long RegistrationId, long ItemVersionId, long EssayVersionId, long CandidateId);

    public static async Task<Seeded> AttemptAsync(DatabaseFixture fixture, string fullName = "Test Candidate", string association = "Test AIMH")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var clock = fixture.Clock;
        await using var s = await fixture.Db.BeginAsync();
        var bank = new ItemBankStore(clock);
        var mcq = await bank.AddItemVersionAsync(s, new ItemContent
        {
            Id = "dt-" + tag, Type = ItemType.Mcq, Level = Level.Both, Designation = Designation.A, Domains = ["reflection"],
            Author = "writer", Key = "A", Body = "Stem?",
            Options = [new("A", "a", "ra"), new("B", "b", "rb"), new("C", "c", "rc"), new("D", "d", "rd")],
        }, ItemStatus.Approved);
        var essay = await bank.AddItemVersionAsync(s, new ItemContent
        {
            Id = "de-" + tag, Type = ItemType.Essay, Level = Level.Both, Designation = Designation.C, Domains = ["reflection"],
            Author = "writer", EssaySet = EssaySet.Clinical, Rubric = "clinical-vignette", Body = "Vignette.",
        }, ItemStatus.Approved);
        await bank.CreateFormAsync(s, new FormDefinition { Id = "form-" + tag, Title = "Test form" });
        var candidateId = await new CandidateStore(clock).CreateAsync(s, "9" + tag, fullName, "t@example.org", association, "IMHS");
        var sittingId = await new SittingStore(clock).CreateAsync(s, new Sitting
        {
            Title = "Test sitting", FormId = "form-" + tag, OpensAt = clock.GetUtcNow().AddHours(-1), ClosesAt = clock.GetUtcNow().AddHours(6),
            Location = "Remote", RequiresAdmission = false,
        });
        var registrationId = await new RegistrationStore(clock).CreateAsync(s, new Registration
        {
            CandidateId = candidateId, SittingId = sittingId, SitPartOne = true, SitPartTwo = true, ExtraTimePartOne = 25,
        });
        var attemptId = (await new AttemptStore(clock).CreateAsync(s, registrationId, 12345, AttemptStatus.Rules, "session-1"))!.Value;
        await s.CommitAsync();
        return new Seeded(attemptId, registrationId, mcq.Id, essay.Id, candidateId);
    }
}
