using Exam.Core.Audit;
using Exam.Data.Audit;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Audit;

public abstract class AuditLogTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly AuditLog _log = new(fixture.Clock);

    [SkippableFact]
    public async Task Entries_read_back_newest_first_in_pages_with_before_and_after()
    {
        var subject = Guid.NewGuid().ToString("N");
        await using (var s = await fixture.Db.BeginAsync())
        {
            for (var i = 1; i <= 5; i++)
            {
                fixture.Clock.Advance(TimeSpan.FromSeconds(1));
                await _log.AppendAsync(s, new AuditEntry("admin", "test.paged", "thing", subject, $"{{\"n\":{i - 1}}}", $"{{\"n\":{i}}}", $"step {i}"));
            }
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var first = await _log.RecentAsync(read, take: 2, subjectType: "thing", subjectId: subject);
        var second = await _log.RecentAsync(read, take: 2, skip: 2, subjectType: "thing", subjectId: subject);
        Assert.Equal(["step 5", "step 4"], first.Select(e => e.Detail));
        Assert.Equal(["step 3", "step 2"], second.Select(e => e.Detail));
        Assert.Equal("{\"n\":4}", first[0].BeforeJson);
        Assert.Equal("{\"n\":5}", first[0].AfterJson);
        Assert.Equal(fixture.Clock.GetUtcNow(), first[0].At);
    }
}

public sealed class SqliteAuditLogTests(SqliteFixture fixture) : AuditLogTests<SqliteFixture>(fixture);

public sealed class SqlServerAuditLogTests(SqlServerFixture fixture) : AuditLogTests<SqlServerFixture>(fixture);
