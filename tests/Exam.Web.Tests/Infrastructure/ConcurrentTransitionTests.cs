using Dapper;
using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Exam.Web.Rating;
using Exam.Web.Scheduling;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>
/// The same transition asked for several times at once (two clicks, a click and the sweeper, two nodes) happens once,
/// and every asker gets the answer the one that happened implies, never an error. SQLite serializes its writers, so
/// here these prove the outcome; on SQL Server (EXAM_TEST_SQLSERVER) they also race for real.
/// </summary>
public sealed class ConcurrentTransitionTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private ExamService Exams => app.Services.GetRequiredService<ExamService>();

    /// <summary>Runs the same work several times at once, released together.</summary>
    private static async Task<T[]> AtOnceAsync<T>(int times, Func<int, Task<T>> work)
    {
        using var go = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, times).Select(i => Task.Run(async () => { go.Wait(); return await work(i); })).ToList();
        go.Set();
        return await Task.WhenAll(runs);
    }

    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, CandidateSession Session, long AttemptId)> InPartOneAsync(bool partTwo = false, int questions = 6)
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions);
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: partTwo);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return (form, seat, session, await AttemptIdAsync(seat));
    }

    private async Task<long> AttemptIdAsync(ExamSeed.Seat seat)
    {
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
    }

    private async Task<int> CountAsync(string sql, object args)
    {
        await using var s = await app.Db.OpenAsync();
        return await s.Connection.ExecuteScalarAsync<int>(sql, args);
    }

    private async Task<int> AuditCountAsync(string action, long attemptId) =>
        (await app.ActionsAsync(action)).Count(a => a.SubjectId == attemptId.ToString());

    [Fact]
    public async Task Eight_submissions_of_one_part_at_once_close_it_once_with_one_receipt_and_one_score()
    {
        var (form, _, session, attemptId) = await InPartOneAsync();
        await session.SaveMcAsync(1, 1, session.SlotOf(1, form.Questions[0].KeyText));

        var receipts = await AtOnceAsync(8, i => Exams.SubmitPartAsync(attemptId, 1, i % 2 == 0 ? "candidate" : "expired", "test"));

        var code = Assert.Single(receipts.Select(r => r!.Code).Distinct());
        Assert.Equal(code, (await Exams.ReceiptAsync(attemptId, 1))!.Code);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM mc_results WHERE attempt_id = @Id", new { Id = attemptId }));
        Assert.Equal(1, await AuditCountAsync("part.submitted", attemptId));
        Assert.Equal(1, await AuditCountAsync("mc.scored", attemptId));
    }

    [Fact]
    public async Task The_sweeper_and_the_candidates_click_at_the_deadline_submit_the_part_once()
    {
        var (_, _, _, attemptId) = await InPartOneAsync();
        app.Clock.Advance(TimeSpan.FromHours(2)); // past the deadline and the grace for saves in flight

        var outcomes = await AtOnceAsync(6, async i =>
            i % 2 == 0 ? (await Exams.SubmitPartAsync(attemptId, 1, "candidate", "test"))!.Code : (await Exams.SweepExpiredAsync()).ToString());

        var stored = (await Exams.ReceiptAsync(attemptId, 1))!;
        Assert.All(outcomes.Where(o => o.StartsWith("R-", StringComparison.Ordinal)), code => Assert.Equal(stored.Code, code));
        Assert.Equal(1, await AuditCountAsync("part.submitted", attemptId));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM mc_results WHERE attempt_id = @Id", new { Id = attemptId }));
    }

    [Fact]
    public async Task A_double_click_on_Begin_makes_one_attempt_and_neither_click_sees_an_error()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var ctx = (await Exams.LoadAsync(seat.CandidateId, seat.RegistrationId))!; // both clicks read "no attempt yet"
        Assert.Null(ctx.Attempt);

        var errors = await AtOnceAsync(4, i => Exams.BeginAsync(ctx, "session-" + i));

        Assert.All(errors, Assert.Null);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM attempts WHERE registration_id = @Id", new { Id = seat.RegistrationId }));
        var attemptId = await AttemptIdAsync(seat);
        Assert.Equal(1, await AuditCountAsync("attempt.started", attemptId));
        Assert.Equal(1, await AuditCountAsync("part.started", attemptId));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM attempt_parts WHERE attempt_id = @Id", new { Id = attemptId }));
    }

    [Fact]
    public async Task Starting_Part_Two_twice_at_once_starts_it_once()
    {
        var (_, seat, _, attemptId) = await InPartOneAsync(partTwo: true);
        await Exams.SubmitPartAsync(attemptId, 1, "candidate", "test");
        var ctx = (await Exams.LoadAsync(seat.CandidateId, seat.RegistrationId))!;
        Assert.Equal(AttemptStatus.BetweenParts, ctx.Attempt!.Status);

        var errors = await AtOnceAsync(4, _ => Exams.StartNextPartAsync(ctx));

        Assert.All(errors, Assert.Null);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM attempt_parts WHERE attempt_id = @Id AND part = 2", new { Id = attemptId }));
        Assert.Equal(1, (await app.ActionsAsync("part.started")).Count(a => a.SubjectId == attemptId.ToString() && a.AfterJson!.Contains("\"part\":2")));
        var after = (await Exams.LoadAsync(seat.CandidateId, seat.RegistrationId))!.Attempt!;
        Assert.Equal((AttemptStatus.InPart, 2), (after.Status, after.CurrentPart));
    }

    [Fact]
    public async Task Saves_and_a_submission_truly_at_once_never_lose_an_acknowledged_answer()
    {
        var (form, seat, session, attemptId) = await InPartOneAsync(questions: 24);
        var target = await Exams.SaveTargetAsync(seat.CandidateId, seat.RegistrationId);
        string sessionId;
        await using (var s = await app.Db.OpenAsync())
            sessionId = (await app.Services.GetRequiredService<AttemptStore>().GetAsync(s, attemptId))!.Value.Attempt.SessionId;
        var saves = form.Questions.Select((q, i) => new McSave(i + 1, q.Position, session.SlotOf(q.Position, q.KeyText), false)).ToList();

        Receipt? receipt = null;
        var results = await AtOnceAsync(saves.Count + 1, async i =>
        {
            if (i < saves.Count) return await Exams.SaveMcAsync(target, sessionId, saves[i]);
            receipt = await Exams.SubmitPartAsync(attemptId, 1, "candidate", "test");
            return null;
        });

        var acknowledged = results.Count(r => r is { Ok: true });
        await using var read = await app.Db.OpenAsync();
        var result = (await app.Services.GetRequiredService<ResultStore>().CurrentAsync(read, attemptId))!;
        Assert.Equal(acknowledged, result.Raw); // every acknowledged answer was there when the part was scored
        Assert.Equal(acknowledged, receipt!.Answered);
    }

    [Fact]
    public async Task Two_coordinators_registering_one_candidate_for_one_sitting_at_once_make_one_registration()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form); // a candidate and a sitting
        var other = await ExamSeed.SeatAsync(app, form); // another open sitting of the same form
        var service = app.Services.GetRequiredService<RegistrationService>();

        var outcomes = await AtOnceAsync(4, _ => service.RegisterAsync("coordinator", true,
            new RegistrationInput(seat.CandidateId, other.SittingId, PartOne: true, PartTwo: true, 0, 0, null, OverrideReason: "retake test")));

        Assert.Single(outcomes, o => o.RegistrationId is not null);
        Assert.All(outcomes.Where(o => o.RegistrationId is null), o => Assert.Contains("already registered", o.Error));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM registrations WHERE candidate_id = @C AND sitting_id = @S",
            new { C = seat.CandidateId, S = other.SittingId }));
    }

    [Fact]
    public async Task Declaring_the_same_conflict_twice_at_once_stores_it_once()
    {
        var (user, _) = await app.CreateStaffAsync(Exam.Core.Accounts.Roles.Rater);
        long raterId;
        await using (var s = await app.Db.OpenAsync())
            raterId = (await app.Services.GetRequiredService<Exam.Data.Accounts.StaffAccountStore>().FindAsync(s, user))!.Id;
        var profiles = app.Services.GetRequiredService<RaterProfiles>();
        // Between windows, so the declaration applies rather than becoming a request.
        var windows = app.Services.GetRequiredService<RatingWindows>();
        if ((await windows.StateAsync()).Open is not null) Assert.Null(await windows.CloseAsync("test-setup"));

        var changes = await AtOnceAsync(4, _ => profiles.DeclareAsync(raterId, RaterProfiles.Person, "  Ángela   Ruiz ", user));

        Assert.All(changes, c => Assert.Equal(new ConflictChange(), c));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM rater_conflicts WHERE user_id = @Id", new { Id = raterId }));
    }
}
