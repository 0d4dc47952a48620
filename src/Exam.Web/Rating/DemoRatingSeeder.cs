using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Rating;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;
using Exam.Web.Demo;

namespace Exam.Web.Rating;

/// <summary>
/// Demo rating data: every demo rater assigned to every essay set, and four demo candidates who sat both parts of
/// the demo form through the real exam service, so their essays wait in the rating queues; a rating window is open.
/// </summary>
public sealed class DemoRatingSeeder(
    Db db, StaffAccountStore staff, CandidateStore candidates, SittingStore sittings, RegistrationStore registrations,
    AccessCodeHasher codes, RatingStore ratings, RatingWindowStore windows, ExamService exams, ExamContent content, TimeProvider clock)
{
    public sealed record SatCandidate(DemoData.CandidateLogin Login, double PartOneAccuracy, IReadOnlyList<(string ItemId, string Essay)> Essays);

    /// <summary>Demo candidates who have sat both parts of the demo form; their essays wait in the rating queues.</summary>
    public static readonly IReadOnlyList<DemoData.CandidateLogin> Candidates = Sat().Select(c => c.Login).ToList();

    public async Task SeedAsync(CancellationToken ct = default)
    {
        Sitting? sitting;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            foreach (var account in await staff.ListAsync(s, ct))
                if (account.Roles.Contains(Roles.Rater) || account.Roles.Contains(Roles.LeadRater))
                    await ratings.SetSetsAsync(s, account.Id, RaterProfiles.AllSets, "demo-seed", clock.GetUtcNow(), ct);
            sitting = (await sittings.ListAsync(s, ct)).FirstOrDefault(x => x.FormId == DemoSeeder.DemoFormId);
            await windows.OpenWindowAsync(s, "demo-seed", clock.GetUtcNow(), ct);
            await s.CommitAsync(ct);
        }
        if (sitting is null) return;
        var form = await content.GetAsync(sitting.FormId, ct);
        var key = await content.PinnedKeyAsync(sitting.FormId, ct);
        foreach (var c in Sat())
        {
            long candidateId;
            await using (var s = await db.BeginAsync(ct: ct))
            {
                var l = c.Login;
                if (await candidates.FindAsync(s, l.Number, ct) is not null) continue; // seeded before a takeover
                candidateId = await candidates.CreateAsync(s, l.Number, l.FullName, l.Email, l.Association, l.Track, "Demo candidate (sat the demo form)", ct);
                var registration = new Registration { CandidateId = candidateId, SittingId = sitting.Id, SitPartOne = true, SitPartTwo = true };
                registration = registration with { Id = await registrations.CreateAsync(s, registration, ct) };
                await registrations.IssueAccessCodeAsync(s, registration, codes.Hash(AccessCode.Normalize(l.AccessCode)!), sitting.OpensAt, sitting.ClosesAt, ct);
                await s.CommitAsync(ct);
            }
            var session = "demo-" + c.Login.Number;
            await exams.BeginAsync((await exams.LoadAsync(candidateId, ct: ct))!, session, ct);
            var ctx = (await exams.LoadAsync(candidateId, ct: ct))!;
            var random = new Random(int.Parse(c.Login.Number));
            long seq = 0;
            foreach (var q in form.PartOne)
            {
                var keyed = key.Items[q.Position - 1].Accepted.First();
                var letters = ExamService.SlotOrder(ctx.Attempt!.Seed, q.Position);
                var letter = random.NextDouble() < c.PartOneAccuracy ? keyed : letters.First(x => x != keyed);
                await exams.SaveMcAsync(ctx.SaveTarget, session, new McSave(++seq, q.Position, letters.ToList().IndexOf(letter) + 1, false), ct);
            }
            await exams.SubmitPartAsync(ctx.Attempt!.Id, 1, "candidate", c.Login.Number, ct: ct);
            await exams.StartNextPartAsync((await exams.LoadAsync(candidateId, ct: ct))!, ct);
            ctx = (await exams.LoadAsync(candidateId, ct: ct))!;
            foreach (var (itemId, essay) in c.Essays)
            {
                var offered = ctx.Form.EssaysFor(c.Login.Track).First(e => e.ItemId == itemId);
                await exams.SaveEssayAsync(ctx.SaveTarget, session, new EssaySave(++seq, offered.ItemVersionId, true, essay), ct);
            }
            await exams.SubmitPartAsync(ctx.Attempt!.Id, 2, "candidate", c.Login.Number, ct: ct);
        }
    }

    private static IReadOnlyList<SatCandidate> Sat() =>
    [
        new(new("100201", "Avery Okafor", "avery.okafor@example.org", "Alaska Association for Infant and Early Childhood Mental Health", "IMHS", "Q7MN-4KXD"), 0.88,
        [
            ("es-clin-01", """
                Micah was born very early and spent nine weeks in the NICU, so Kayla met her son first through an incubator. What the nurse calls "detached" may be a 17-year-old who was frightened for her own life and her baby's, and who has not yet been able to feel that Micah is hers. I would want to see them together at home: how Kayla holds him, whether she notices his cues (he is only about six weeks corrected age, so his signals are subtle and easily missed), and what she says about him.

                Her depression screen matters. I would ask about her sleep, her support and what the birth was like for her, and connect her, with her consent, to someone who can assess and treat depression in a young mother.

                I would start where Kayla is: her wish to graduate with her class. A plan that helps her finish school, includes Ms. Carter and Andre, and coordinates with the Part C evaluation and the NICU clinic, will be more acceptable to her than another appointment she misses. Over time I would help her wonder about Micah's experience and her own.
                """),
            ("es-clin-02", """
                Lucía is grieving. At 14 months she cannot say that her mother is gone, but she shows it: she waits near the door, she has stopped playing and eating, she wakes at night, and she has lost the words "mamá" and "agua". These are signs of traumatic bereavement in a very young child, not of a child who is simply "flat".

                Tomás is grieving too, while parenting alone and working full time. My first goal would be to support him so that he can support her. I would meet him on his own first, to hear about Elena, about the crash, and about how he is coping, and screen for depression and traumatic grief.

                With Lucía, I would help Tomás give her simple words for what happened, and use photos of Elena and familiar routines to hold her memory. I would talk with the child care provider about predictable goodbyes and a consistent caregiver, and think with Tomás about how Elena's parents can stay close without it feeling like a judgement.
                """),
        ]),
        new(new("100202", "Jordan Whitfield", "jordan.whitfield@example.org", "Michigan Association for Infant Mental Health", "IMHS", "H4TR-9PWC"), 0.72,
        [
            ("es-clin-01", """
                Kayla is a teenage mother with depression and she is missing appointments, so the first thing I would do is make sure Micah is safe and gaining weight. I would give her information about feeding premature babies and about how important it is to keep medical appointments.

                I would refer Kayla to a counselor for her depression and make sure the early intervention evaluation happens. Her mother works nights and could help more during the day.

                I would visit every week and teach Kayla about child development so she knows what to expect from Micah. If things do not improve I would talk to the nurse about whether a referral to protective services is needed.
                """),
            ("es-clin-02", """
                Lucía lost her mother and now she is flat and has lost words. This could be a developmental delay so I would recommend a developmental evaluation and a speech evaluation.

                Tomás should spend more time with her. I would suggest he talk to his employer about shorter hours. The grandparents could help in the summer, which would give him a break.

                I would see Lucía in play therapy to help her express her feelings, and give Tomás a book about grief in children.
                """),
        ]),
        new(new("100203", "Priya Raman", "priya.raman@example.org", "Texas Association for Infant Mental Health", "IMHS", "B8WC-6JNF"), 0.93,
        [
            ("es-clin-02", """
                Four months ago Lucía's world changed without warning: the person who fed her, held her at nap time and answered her words disappeared. Her waiting at the door, her loss of appetite, her night waking and the loss of "mamá" and "agua" read to me as protest and despair in a toddler who is still searching for her mother. I would want a careful assessment over several sessions: how she uses Tomás when distressed, her play, her development, and her sleep and eating, with DC:0-5 in mind without rushing to a diagnosis.

                Tomás is the most important person in her recovery, and he is grieving, parenting alone and feeling judged. I would begin by listening to his story of Elena and of the crash, and attend to his own grief and exhaustion. Child-parent psychotherapy would let us help Lucía, with Tomás beside her, to make sense of the loss: a simple, truthful story, photos of Elena, her songs and words in Spanish.

                I would work with the child care provider on a consistent caregiver and a goodbye ritual, and help Tomás think about how the grandparents can stay connected on terms he can accept. I would notice my own sadness in this work and bring it to reflective supervision.
                """),
            ("es-clin-03", """
                Eli has lived with his grandmother for most of a year and is now 22 months old; the court review in eight weeks will shape his future. My first responsibility is to Eli's experience: who he turns to when frightened, how the twice-weekly visits in a small office feel to him, and what happens to him before and after each visit.

                Ms. Hughes and Brianna are both carrying loss and fear. Ms. Hughes nearly lost her daughter and may worry about losing Eli; Brianna has lost her son's daily care and her identity as a nurse. I would make room for each relationship, and where possible help them see Eli together.

                I would advocate with the caseworker for visits in a more natural setting that can grow as Brianna's recovery holds, coordinate with her treatment team with consent, and keep my reports to the court descriptive and focused on Eli. Reflective supervision would help me notice if I start to take sides.
                """),
        ]),
        new(new("100204", "Samuel Ortiz", "samuel.ortiz@example.org", "Infant Mental Health Association of Pennsylvania", "IMHS", "V3YG-6DKT"), 0.81,
        [
            ("es-clin-01", """
                Kayla and Micah are both recovering from a frightening start. A baby born at 29 weeks is harder to read and to soothe, and a young mother who has been depressed and afraid may pull back. I would look at the relationship, not only at Kayla: how Micah signals hunger and overload, and how Kayla responds.

                I would use my first visits to build trust, ask about the birth and the NICU, and notice strengths, such as Andre being "good with him". I would screen for depression with her and refer for treatment, and talk with the NICU clinic about the weight gain.

                The plan would be weekly home visits, timed around school, where I help Kayla notice Micah's cues and feel more confident, and include Ms. Carter when she can attend.
                """),
            ("es-clin-02", """
                Lucía is showing signs of grief after losing her mother: she searches, withdraws and has lost words. Tomás is also grieving and is under strain.

                I would meet with Tomás to understand Elena's death and how he is managing, and support him so that he can comfort Lucía. I would explain that her behaviour is a normal reaction to loss and help him talk with her about her mother in simple words.

                I would also talk to the child care provider about routines, and suggest a speech and developmental check if the lost words do not return as she feels safer.
                """),
        ]),
    ];
}
