using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Delivery;

public abstract class AnswerStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly AnswerStore _answers = new();

    private async Task<SaveOutcome> SaveAsync(DeliverySeed.Seeded a, int position, string? option, long seq, bool flagged = false)
    {
        await using var s = await fixture.Db.BeginAsync();
        var outcome = await _answers.SaveMcAsync(s, a.AttemptId, position, a.ItemVersionId, option, flagged, seq, fixture.Clock.GetUtcNow());
        await s.CommitAsync();
        return outcome;
    }

    private async Task<McAnswer> ReadAsync(DeliverySeed.Seeded a, int position)
    {
        await using var s = await fixture.Db.OpenAsync();
        return (await _answers.LoadAsync(s, a.AttemptId)).Mc.Single(m => m.Position == position);
    }

    [SkippableFact]
    public async Task Saves_apply_in_order_and_a_retry_is_acknowledged_without_change()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        Assert.Equal(SaveOutcome.Applied, await SaveAsync(a, 1, "A", 1));
        Assert.Equal(SaveOutcome.Applied, await SaveAsync(a, 1, "C", 2, flagged: true));
        Assert.Equal(SaveOutcome.AlreadyApplied, await SaveAsync(a, 1, "C", 2, flagged: true));
        var stored = await ReadAsync(a, 1);
        Assert.Equal(("C", true, 2L), (stored.OptionId, stored.Flagged, stored.Seq));
    }

    [SkippableFact]
    public async Task An_older_sequence_never_overwrites_a_newer_one()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        await SaveAsync(a, 3, "D", 10);
        Assert.Equal(SaveOutcome.Stale, await SaveAsync(a, 3, "B", 9));
        Assert.Equal("D", (await ReadAsync(a, 3)).OptionId);
    }

    [SkippableFact]
    public async Task The_same_sequence_with_other_content_is_not_taken_as_a_retry()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        await SaveAsync(a, 2, "A", 5);
        Assert.Equal(SaveOutcome.Stale, await SaveAsync(a, 2, "B", 5));
        Assert.Equal("A", (await ReadAsync(a, 2)).OptionId);
    }

    [SkippableFact]
    public async Task Clearing_an_answer_is_a_save_like_any_other()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        await SaveAsync(a, 4, "A", 1);
        Assert.Equal(SaveOutcome.Applied, await SaveAsync(a, 4, null, 2));
        Assert.Equal(SaveOutcome.AlreadyApplied, await SaveAsync(a, 4, null, 2));
        Assert.Null((await ReadAsync(a, 4)).OptionId);
    }

    [SkippableFact]
    public async Task Concurrent_saves_of_one_attempt_keep_the_newest_change_of_each_question()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        // 60 changes to 5 questions from 12 writers at once, in shuffled order: each question must end at its highest sequence.
        var changes = Enumerable.Range(1, 60).Select(seq => (Position: seq % 5, Option: "ABCD"[seq % 4].ToString(), Seq: (long)seq))
            .OrderBy(_ => Random.Shared.Next()).ToList();
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = 12 },
            async (c, _) => await SaveAsync(a, c.Position, c.Option, c.Seq));
        await using var s = await fixture.Db.OpenAsync();
        var stored = (await _answers.LoadAsync(s, a.AttemptId)).Mc;
        foreach (var group in changes.GroupBy(c => c.Position))
        {
            var newest = group.MaxBy(c => c.Seq);
            var row = stored.Single(m => m.Position == group.Key);
            Assert.Equal((newest.Option, newest.Seq), (row.OptionId, row.Seq));
        }
    }

    /// <summary>Part 1 running for session-1 with a deadline an hour away; returns the deadline.</summary>
    private async Task<DateTimeOffset> StartPartOneAsync(DeliverySeed.Seeded a)
    {
        var attempts = new AttemptStore(fixture.Clock);
        var now = fixture.Clock.GetUtcNow();
        await using var s = await fixture.Db.BeginAsync();
        var clock = Exam.Core.Delivery.PartClock.Start(now, TimeSpan.FromHours(1));
        Assert.True(await attempts.EnterPartAsync(s, a.AttemptId, AttemptStatus.Rules, 1));
        await attempts.StartPartAsync(s, a.AttemptId, 1, clock);
        await s.CommitAsync();
        return clock.Deadline;
    }

    private async Task<SaveOutcome> GuardedAsync(DeliverySeed.Seeded a, long seq, SaveGuard guard, string option = "B")
    {
        await using var s = await fixture.Db.BeginAsync();
        var outcome = await _answers.SaveMcAsync(s, a.AttemptId, 1, a.ItemVersionId, option, false, seq, fixture.Clock.GetUtcNow(), guard);
        await s.CommitAsync();
        return outcome;
    }

    [SkippableFact]
    public async Task A_guarded_save_is_written_only_while_its_part_runs_on_its_session_and_before_the_deadline()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        Assert.Equal(SaveOutcome.Refused, await GuardedAsync(a, 1, new SaveGuard("session-1", 1, now))); // the part has not started
        var deadline = await StartPartOneAsync(a);

        Assert.Equal(SaveOutcome.Applied, await GuardedAsync(a, 2, new SaveGuard("session-1", 1, now)));
        Assert.Equal(SaveOutcome.AlreadyApplied, await GuardedAsync(a, 2, new SaveGuard("session-1", 1, now)));
        Assert.Equal(SaveOutcome.Refused, await GuardedAsync(a, 3, new SaveGuard("another-computer", 1, now), "C"));
        Assert.Equal(SaveOutcome.Refused, await GuardedAsync(a, 4, new SaveGuard("session-1", 2, now), "C"));
        Assert.Equal(SaveOutcome.Refused, await GuardedAsync(a, 5, new SaveGuard("session-1", 1, deadline.AddTicks(1)), "C"));
        Assert.Equal(SaveOutcome.Applied, await GuardedAsync(a, 6, new SaveGuard("session-1", 1, deadline), "D")); // the last instant counts
        Assert.Equal(("D", 6L), ((await ReadAsync(a, 1)).OptionId, (await ReadAsync(a, 1)).Seq));
    }

    [SkippableFact]
    public async Task A_paused_part_still_takes_saves_after_its_deadline_and_a_submitted_part_takes_none()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var deadline = await StartPartOneAsync(a);
        var attempts = new AttemptStore(fixture.Clock);
        var late = new SaveGuard("session-1", 1, deadline.AddMinutes(5));
        await using (var s = await fixture.Db.BeginAsync())
        {
            var part = (await attempts.GetAsync(s, a.AttemptId))!.Value.Parts.Single();
            Assert.True(await attempts.SaveClockAsync(s, a.AttemptId, 1, part.Clock, part.Clock.Pause(fixture.Clock.GetUtcNow())));
            await s.CommitAsync();
        }
        Assert.Equal(SaveOutcome.Applied, await GuardedAsync(a, 1, late));

        await using (var s = await fixture.Db.BeginAsync())
        {
            await attempts.SubmitPartAsync(s, a.AttemptId, 1, fixture.Clock.GetUtcNow(), "candidate", "R-TEST");
            await s.CommitAsync();
        }
        Assert.Equal(SaveOutcome.Refused, await GuardedAsync(a, 2, late, "C"));
        Assert.Equal(SaveOutcome.AlreadyApplied, await GuardedAsync(a, 1, late)); // a retry of what was acknowledged is still answered
        Assert.Equal(("B", 1L), ((await ReadAsync(a, 1)).OptionId, (await ReadAsync(a, 1)).Seq));
    }

    [SkippableFact]
    public async Task A_change_taken_after_its_deadline_is_recorded_as_delivered_late_and_one_on_time_or_refused_is_not()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var deadline = await StartPartOneAsync(a);
        var (madeAt, after) = (deadline.AddSeconds(-4), deadline.AddSeconds(9));
        var withinWindow = new SaveGuard("session-1", 1, madeAt, madeAt);
        await using (var s = await fixture.Db.BeginAsync())
        {
            // On time, late (an answer and an essay), a retry of the late one, and one made after the deadline.
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveMcAsync(s, a.AttemptId, 1, a.ItemVersionId, "A", false, 1, deadline, withinWindow));
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveMcAsync(s, a.AttemptId, 2, a.ItemVersionId, "B", false, 2, after, withinWindow));
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveEssayAsync(s, a.AttemptId, a.EssayVersionId, true, "Late words", 2, 3, after, withinWindow));
            Assert.Equal(SaveOutcome.AlreadyApplied, await _answers.SaveMcAsync(s, a.AttemptId, 2, a.ItemVersionId, "B", false, 2, after, withinWindow));
            Assert.Equal(SaveOutcome.Refused, await _answers.SaveMcAsync(
                s, a.AttemptId, 3, a.ItemVersionId, "C", false, 4, after, new SaveGuard("session-1", 1, after, after)));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var sittingId = await read.ExecuteScalarAsync<long>(
            SqlStatement.Portable("SELECT sitting_id FROM registrations WHERE id = @Id;"), new { Id = a.RegistrationId });
        var late = (await _answers.LateOfSittingAsync(read, sittingId)).OrderBy(l => l.Seq).ToList();
        Assert.Equal([(2L, (int?)2, a.ItemVersionId), (3L, null, a.EssayVersionId)], late.Select(l => (l.Seq, l.Position, l.ItemVersionId)));
        Assert.All(late, l => Assert.Equal((a.AttemptId, 1, madeAt, after), (l.AttemptId, l.Part, l.MadeAt, l.ReceivedAt)));
    }

    [SkippableFact]
    public async Task Essays_keep_the_newest_text_and_word_count()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var at = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveEssayAsync(s, a.AttemptId, a.EssayVersionId, true, "First draft", 2, 7, at));
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveEssayAsync(s, a.AttemptId, a.EssayVersionId, true, "Second, longer draft", 3, 8, at));
            Assert.Equal(SaveOutcome.Stale, await _answers.SaveEssayAsync(s, a.AttemptId, a.EssayVersionId, true, "First draft", 2, 7, at));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var essay = Assert.Single((await _answers.LoadAsync(read, a.AttemptId)).Essays);
        Assert.Equal(("Second, longer draft", 3, true), (essay.Body, essay.WordCount, essay.Chosen));
    }

    [SkippableFact]
    public async Task The_attempts_last_save_is_its_newest_applied_change_in_either_part()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var attempts = new AttemptStore(fixture.Clock);
        async Task<(long, DateTimeOffset?)> LastSaveAsync()
        {
            await using var read = await fixture.Db.OpenAsync();
            var attempt = (await attempts.GetAsync(read, a.AttemptId))!.Value.Attempt;
            return (attempt.LastSeq, attempt.LastSavedAt);
        }
        Assert.Equal((0L, null), await LastSaveAsync()); // the page then counts from 1

        var first = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _answers.SaveMcAsync(s, a.AttemptId, 2, a.ItemVersionId, "A", false, 5, first);
            await _answers.SaveEssayAsync(s, a.AttemptId, a.EssayVersionId, true, "Draft", 1, 9, first.AddSeconds(2));
            await s.CommitAsync();
        }
        Assert.Equal((9L, first.AddSeconds(2)), await LastSaveAsync());

        // A stale change, a retry and a refused change leave it as it was; a newer change to another question moves it.
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.Equal(SaveOutcome.Stale, await _answers.SaveMcAsync(s, a.AttemptId, 2, a.ItemVersionId, "B", false, 4, first.AddSeconds(3)));
            Assert.Equal(SaveOutcome.AlreadyApplied, await _answers.SaveMcAsync(s, a.AttemptId, 2, a.ItemVersionId, "A", false, 5, first.AddSeconds(3)));
            Assert.Equal(SaveOutcome.Refused, await _answers.SaveMcAsync(
                s, a.AttemptId, 3, a.ItemVersionId, "C", false, 12, first.AddSeconds(3), new SaveGuard("session-1", 1, first)));
            await s.CommitAsync();
        }
        Assert.Equal((9L, first.AddSeconds(2)), await LastSaveAsync());
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.Equal(SaveOutcome.Applied, await _answers.SaveMcAsync(s, a.AttemptId, 7, a.ItemVersionId, "D", false, 10, first.AddSeconds(4)));
            await s.CommitAsync();
        }
        Assert.Equal((10L, first.AddSeconds(4)), await LastSaveAsync());
    }
}

public sealed class SqliteAnswerStoreTests(SqliteFixture fixture) : AnswerStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerAnswerStoreTests(SqlServerFixture fixture) : AnswerStoreTests<SqlServerFixture>(fixture);
