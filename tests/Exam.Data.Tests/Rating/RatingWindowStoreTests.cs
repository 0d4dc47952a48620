using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Rating;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Rating;

/// <summary>Rating windows (one open at a time) and conflict requests (decided once). One test owns the window state.</summary>
public abstract class RatingWindowStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly RatingWindowStore _windows = new();

    [SkippableFact]
    public async Task One_window_is_open_at_a_time_and_closing_it_twice_closes_it_once()
    {
        await using var s = await fixture.Db.BeginAsync();
        var now = fixture.Clock.GetUtcNow();
        if (await _windows.OpenAsync(s) is { } left) await _windows.CloseWindowAsync(s, left.Id, "test", now);
        var id = await _windows.OpenWindowAsync(s, "chair", now);
        Assert.NotNull(id);
        Assert.Null(await _windows.OpenWindowAsync(s, "other", now));
        Assert.Equal(id, (await _windows.OpenAsync(s))!.Id);
        Assert.True(await _windows.CloseWindowAsync(s, id.Value, "chair", now));
        Assert.False(await _windows.CloseWindowAsync(s, id.Value, "chair", now));
        Assert.Null(await _windows.OpenAsync(s));
        Assert.NotNull(await _windows.OpenWindowAsync(s, "chair", now));
        await s.CommitAsync();
    }

    [SkippableFact]
    public async Task A_request_is_filed_once_while_pending_and_decided_once()
    {
        await using var s = await fixture.Db.BeginAsync();
        var now = fixture.Clock.GetUtcNow();
        var rater = await new StaffAccountStore(fixture.Clock).CreateAsync(s, "w" + Guid.NewGuid().ToString("N")[..10], "Rater W", "hash", [Roles.Rater]);
        Assert.True(await _windows.AddRequestAsync(s, rater, "declare", "person", "ann lee", now));
        Assert.False(await _windows.AddRequestAsync(s, rater, "declare", "person", "ann lee", now));
        var request = Assert.Single(await _windows.RequestsOfAsync(s, rater));
        Assert.Equal(("declare", "person", "ann lee", ConflictRequestStatus.Pending, "Rater W"),
            (request.Action, request.Kind, request.Value, request.Status, request.RaterName));
        Assert.Contains(await _windows.PendingAsync(s), r => r.Id == request.Id);
        Assert.True(await _windows.DecideAsync(s, request.Id, ConflictRequestStatus.Declined, "lead", now));
        Assert.False(await _windows.DecideAsync(s, request.Id, ConflictRequestStatus.Approved, "lead2", now));
        Assert.Equal(ConflictRequestStatus.Declined, (await _windows.RequestAsync(s, request.Id))!.Status);
        Assert.True(await _windows.AddRequestAsync(s, rater, "declare", "person", "ann lee", now)); // asked again after the decision
        await s.CommitAsync();
    }
}

public sealed class SqliteRatingWindowStoreTests(SqliteFixture fixture) : RatingWindowStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerRatingWindowStoreTests(SqlServerFixture fixture) : RatingWindowStoreTests<SqlServerFixture>(fixture);
