using Exam.Core.Delivery;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Scheduling;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Delivery;

public abstract class ExamRecordStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly ExamRecordStore _records = new();
    private readonly AttemptStore _attempts = new(fixture.Clock);

    [SkippableFact]
    public async Task One_read_brings_the_candidate_the_registration_its_sitting_and_the_attempt_with_its_parts()
    {
        var a = await DeliverySeed.AttemptAsync(fixture, fullName: "Record Reader");
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, PartClock.Start(fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(90), 25));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var record = await _records.GetAsync(read, a.CandidateId, a.RegistrationId);

        Assert.NotNull(record);
        Assert.Equal("Record Reader", record.Candidate.FullName);
        Assert.Equal((a.RegistrationId, a.CandidateId, 25), (record.Registration.Id, record.Registration.CandidateId, record.Registration.ExtraTimePartOne));
        Assert.Equal(record.Registration.SittingId, record.Sitting.Id);
        Assert.Equal("Test sitting", record.Sitting.Title);
        Assert.Equal((a.AttemptId, "session-1"), (record.Attempt!.Id, record.Attempt.SessionId));
        Assert.Equal(1, Assert.Single(record.Parts).Part);
    }

    [SkippableFact]
    public async Task Every_column_reads_as_its_own_store_reads_it_filled_or_empty()
    {
        // The record is mapped by position: each part must equal what its store's own read (by name) gives, with
        // every nullable column empty and then filled.
        var a = await DeliverySeed.AttemptAsync(fixture);
        await AssertSameAsStoresAsync(a);

        var at = fixture.Clock.GetUtcNow().AddMinutes(-3);
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, PartClock.Start(at, TimeSpan.FromMinutes(90), 25));
            var proctor = await new StaffAccountStore(fixture.Clock).CreateAsync(s, "proctor-" + Guid.NewGuid().ToString("N")[..8], "Proctor", "hash", ["Proctor"]);
            var values = new
            {
                a.CandidateId, a.RegistrationId, a.AttemptId, a.ItemVersionId, Proctor = proctor, At = at, Later = at.AddSeconds(61.5),
            };
            foreach (var sql in new[]
            {
                "UPDATE candidates SET notes = 'a note', failed_count = 2, locked_until = @Later WHERE id = @CandidateId;",
                "UPDATE registrations SET rest_breaks = 'two of ten minutes', retake_override = 'committee', separate_room = 1, break_count = 2, break_minutes = 10, extra_time_part_two = 50 WHERE id = @RegistrationId;",
                "UPDATE sittings SET proctor_user_id = @Proctor, requires_admission = 1, time_zone = 'America/Detroit' WHERE id = (SELECT sitting_id FROM registrations WHERE id = @RegistrationId);",
                "UPDATE attempts SET current_part = 1, current_position = 7, rules_accepted_at = @At, admitted_at = @At, admitted_by = 'proctor', ended_at = @Later, end_reason = 'voided by test', status = 'voided' WHERE id = @AttemptId;",
                // The last save (LastSeq, LastSavedAt) is read from the answers.
                "INSERT INTO mc_answers (attempt_id, position, item_version_id, option_id, flagged, seq, saved_at) VALUES (@AttemptId, 1, @ItemVersionId, 'B', 0, 42, @Later);",
                "UPDATE attempt_parts SET paused_since = @Later, extended_seconds = 300, paused_seconds = 45, submitted_at = @Later, submit_reason = 'candidate', receipt_code = 'R-123' WHERE attempt_id = @AttemptId;",
            })
                Assert.Equal(1, await s.ExecuteAsync(SqlStatement.Portable(sql), values));
            await s.CommitAsync();
        }
        await AssertSameAsStoresAsync(a);
    }

    private async Task AssertSameAsStoresAsync(DeliverySeed.Seeded a)
    {
        await using var read = await fixture.Db.OpenAsync();
        var record = await _records.GetAsync(read, a.CandidateId, a.RegistrationId);
        Assert.NotNull(record);
        Assert.Equal(await new CandidateStore(fixture.Clock).GetAsync(read, a.CandidateId), record.Candidate);
        var registration = await new RegistrationStore(fixture.Clock).GetAsync(read, a.RegistrationId);
        Assert.Equal(registration, record.Registration);
        Assert.Equal(await new SittingStore(fixture.Clock).GetAsync(read, registration!.SittingId), record.Sitting);
        var (attempt, parts) = (await _attempts.GetAsync(read, a.AttemptId))!.Value;
        Assert.Equal(attempt, record.Attempt);
        Assert.Equal(parts, record.Parts);
    }

    [SkippableFact]
    public async Task A_registration_not_yet_begun_has_no_attempt_and_no_parts()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var other = await DeliverySeed.AttemptAsync(fixture);
        await using (var s = await fixture.Db.BeginAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(s.Connection, "DELETE FROM attempts WHERE id = @Id;", new { Id = a.AttemptId }, s.Transaction);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var record = await _records.GetAsync(read, a.CandidateId, a.RegistrationId);
        Assert.NotNull(record);
        Assert.Null(record.Attempt);
        Assert.Empty(record.Parts);
        Assert.NotNull(await _records.GetAsync(read, other.CandidateId, other.RegistrationId));
    }

    [SkippableFact]
    public async Task Another_candidates_registration_reads_as_nothing()
    {
        // The ids come from a sign-in cookie: a registration that is not the candidate's own opens nothing of it.
        var mine = await DeliverySeed.AttemptAsync(fixture);
        var theirs = await DeliverySeed.AttemptAsync(fixture);
        await using var read = await fixture.Db.OpenAsync();
        Assert.Null(await _records.GetAsync(read, mine.CandidateId, theirs.RegistrationId));
        Assert.Null(await _records.GetAsync(read, mine.CandidateId, registrationId: 0));
        Assert.Null(await _records.GetAsync(read, candidateId: 0, mine.RegistrationId));
    }
}

public sealed class SqliteExamRecordStoreTests(SqliteFixture fixture) : ExamRecordStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerExamRecordStoreTests(SqlServerFixture fixture) : ExamRecordStoreTests<SqlServerFixture>(fixture);
