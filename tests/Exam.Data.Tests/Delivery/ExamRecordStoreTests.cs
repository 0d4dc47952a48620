using Exam.Core.Delivery;
using Exam.Data.Delivery;
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
