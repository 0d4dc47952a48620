using Exam.Data.Database;

namespace Exam.Data.StandardSetting;

public sealed record StoredStudy
{
    public long Id { get; init; }
    public string FormId { get; init; } = "";
    public string Title { get; init; } = "";
    public string MccDescription { get; init; } = "";
    public string Stage { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int? AdoptedCut { get; init; }
    public int? AdoptedOutOf { get; init; }
    public int? AdoptedKeyVersion { get; init; }
    public string? AdoptedBy { get; init; }
    public DateTimeOffset? AdoptedAt { get; init; }
    public string? AdoptionReason { get; init; }
}

public sealed record StoredPanelist
{
    public string UserName { get; init; } = "";
    public string InvitedBy { get; init; } = "";
    public DateTimeOffset InvitedAt { get; init; }
    public DateTimeOffset? Round1DoneAt { get; init; }
    public DateTimeOffset? Round2DoneAt { get; init; }
    public int? ExpectedPassPercent { get; init; }
    public DateTimeOffset? LastSavedAt { get; init; }

    public DateTimeOffset? DoneAt(int round) => round == 1 ? Round1DoneAt : Round2DoneAt;
}

public sealed record StoredRating
{
    public string UserName { get; init; } = "";
    public int Round { get; init; }
    public int Position { get; init; }
    public int Rating { get; init; }
}

/// <summary>
/// Standard-setting studies, their panelists and ratings. Every change is a conditional statement whose row count the
/// caller checks: a stage moves only from the stage the caller saw; a panelist saves only while their round is open
/// and unfinished (the save first touches the panelist's row, so it queues behind a "finished" on the same row, and a
/// stage moves on only when every panelist's row says finished).
/// </summary>
public sealed class StandardSettingStore
{
    private const string StudyColumns = """
        id, form_id AS FormId, title, mcc_description AS MccDescription, stage, created_by AS CreatedBy, created_at AS CreatedAt,
        adopted_cut AS AdoptedCut, adopted_out_of AS AdoptedOutOf, adopted_key_version AS AdoptedKeyVersion, adopted_by AS AdoptedBy,
        adopted_at AS AdoptedAt, adoption_reason AS AdoptionReason
        """;

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO standard_setting_studies (form_id, title, mcc_description, stage, created_by, created_at)
        VALUES (@FormId, @Title, @MccDescription, 'setup', @CreatedBy, @CreatedAt);
        """));

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {StudyColumns} FROM standard_setting_studies WHERE id = @Id;");

    private static readonly SqlStatement All = SqlStatement.Portable($"SELECT {StudyColumns} FROM standard_setting_studies ORDER BY id DESC;");

    private static readonly SqlStatement OfPanelist = SqlStatement.Portable($"""
        SELECT {StudyColumns} FROM standard_setting_studies
        WHERE id IN (SELECT study_id FROM standard_setting_panelists WHERE user_name = @UserName) ORDER BY id DESC;
        """);

    private static readonly SqlStatement Describe = SqlStatement.Portable("""
        UPDATE standard_setting_studies SET mcc_description = @MccDescription WHERE id = @Id AND stage IN ('setup', 'discussion');
        """);

    private static readonly SqlStatement Invite = SqlStatement.Portable("""
        INSERT INTO standard_setting_panelists (study_id, user_name, invited_by, invited_at)
        SELECT @Id, @UserName, @InvitedBy, @InvitedAt
        WHERE EXISTS (SELECT 1 FROM standard_setting_studies WHERE id = @Id AND stage = 'setup')
          AND NOT EXISTS (SELECT 1 FROM standard_setting_panelists WHERE study_id = @Id AND user_name = @UserName);
        """);

    // Removing a panelist first takes the study's row (as a stage change does), so removals and moving on take turns and
    // the panel's size is read after any other removal commits.
    private static readonly SqlStatement ClaimPanel = SqlStatement.Portable("""
        UPDATE standard_setting_studies SET stage = stage WHERE id = @Id AND stage IN ('setup', 'round1');
        """);

    private static readonly SqlStatement DropRatings = SqlStatement.Portable(
        "DELETE FROM standard_setting_ratings WHERE study_id = @Id AND user_name = @UserName;");

    private static readonly SqlStatement DropPanelist = SqlStatement.Portable(
        "DELETE FROM standard_setting_panelists WHERE study_id = @Id AND user_name = @UserName;");

    // Leaving a rating round needs every panelist finished; the NOT EXISTS reads the rows a save or a finish updates.
    private static readonly SqlStatement Advance = SqlStatement.Portable("""
        UPDATE standard_setting_studies SET stage = @To
        WHERE id = @Id AND stage = @From
          AND (@From <> 'round1' OR NOT EXISTS (SELECT 1 FROM standard_setting_panelists WHERE study_id = @Id AND round1_done_at IS NULL))
          AND (@From <> 'round2' OR NOT EXISTS (SELECT 1 FROM standard_setting_panelists WHERE study_id = @Id AND round2_done_at IS NULL))
          AND (@From <> 'setup' OR (SELECT COUNT(*) FROM standard_setting_panelists WHERE study_id = @Id) >= @MinPanelists);
        """);

    // Round 2 starts from each panelist's round-1 ratings: they revise rather than start again.
    private static readonly SqlStatement CopyRoundOne = SqlStatement.Portable("""
        INSERT INTO standard_setting_ratings (study_id, user_name, round, position, rating, saved_at)
        SELECT study_id, user_name, 2, position, rating, @Now FROM standard_setting_ratings WHERE study_id = @Id AND round = 1;
        """);

    private static readonly SqlStatement TouchOpen = SqlStatement.Portable("""
        UPDATE standard_setting_panelists SET last_saved_at = @Now
        WHERE study_id = @Id AND user_name = @UserName
          AND ((@Round = 1 AND round1_done_at IS NULL) OR (@Round = 2 AND round2_done_at IS NULL))
          AND EXISTS (SELECT 1 FROM standard_setting_studies WHERE id = @Id AND stage = @Stage);
        """);

    private static readonly SqlStatement UpsertRating = SqlStatement.Of(d =>
        d.Upsert("standard_setting_ratings", ["study_id", "user_name", "round", "position"], ["rating", "saved_at"]));

    private static readonly SqlStatement ExpectPass = SqlStatement.Portable("""
        UPDATE standard_setting_panelists SET expected_pass_percent = @Percent WHERE study_id = @Id AND user_name = @UserName;
        """);

    private static readonly SqlStatement Finish = SqlStatement.Portable("""
        UPDATE standard_setting_panelists
        SET round1_done_at = CASE WHEN @Round = 1 THEN @Now ELSE round1_done_at END,
            round2_done_at = CASE WHEN @Round = 2 THEN @Now ELSE round2_done_at END
        WHERE study_id = @Id AND user_name = @UserName
          AND ((@Round = 1 AND round1_done_at IS NULL) OR (@Round = 2 AND round2_done_at IS NULL AND expected_pass_percent IS NOT NULL))
          AND EXISTS (SELECT 1 FROM standard_setting_studies WHERE id = @Id AND stage = @Stage)
          AND (SELECT COUNT(*) FROM standard_setting_ratings WHERE study_id = @Id AND user_name = @UserName AND round = @Round) = @Items;
        """);

    private static readonly SqlStatement Panelists = SqlStatement.Portable("""
        SELECT user_name AS UserName, invited_by AS InvitedBy, invited_at AS InvitedAt, round1_done_at AS Round1DoneAt,
               round2_done_at AS Round2DoneAt, expected_pass_percent AS ExpectedPassPercent, last_saved_at AS LastSavedAt
        FROM standard_setting_panelists WHERE study_id = @Id ORDER BY user_name;
        """);

    private static readonly SqlStatement Ratings = SqlStatement.Portable("""
        SELECT user_name AS UserName, round, position, rating FROM standard_setting_ratings
        WHERE study_id = @Id AND round = @Round AND (@UserName IS NULL OR user_name = @UserName)
        ORDER BY user_name, position;
        """);

    private static readonly SqlStatement Adopt = SqlStatement.Portable("""
        UPDATE standard_setting_studies
        SET stage = 'adopted', adopted_cut = @Cut, adopted_out_of = @OutOf, adopted_key_version = @KeyVersion,
            adopted_by = @AdoptedBy, adopted_at = @AdoptedAt, adoption_reason = @Reason
        WHERE id = @Id AND stage = 'results';
        """);

    public Task<long> CreateAsync(DbSession s, string formId, string title, string description, string createdBy, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(Insert, new { FormId = formId, Title = title, MccDescription = description, CreatedBy = createdBy, CreatedAt = now }, ct);

    public Task<StoredStudy?> GetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredStudy>(ById, new { Id = id }, ct);

    public async Task<IReadOnlyList<StoredStudy>> ListAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredStudy>(All, ct: ct)).ToList();

    public async Task<IReadOnlyList<StoredStudy>> ListForPanelistAsync(DbSession s, string userName, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredStudy>(OfPanelist, new { UserName = userName }, ct)).ToList();

    /// <summary>Rows changed: 0 when the study is past the stages where the description may change.</summary>
    public Task<int> DescribeAsync(DbSession s, long id, string description, CancellationToken ct = default) =>
        s.ExecuteAsync(Describe, new { Id = id, MccDescription = description }, ct);

    /// <summary>Rows added: 0 when the study is past setup or the panelist is already invited.</summary>
    public Task<int> InviteAsync(DbSession s, long id, string userName, string invitedBy, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(Invite, new { Id = id, UserName = userName, InvitedBy = invitedBy, InvitedAt = now }, ct);

    /// <summary>Takes the study's row for a change of panel: 1 while the study is at setup or round 1, else 0.</summary>
    public Task<int> ClaimPanelAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.ExecuteAsync(ClaimPanel, new { Id = id }, ct);

    /// <summary>Removes a panelist and their ratings: the ratings discarded, or null when they were not on the panel.</summary>
    public async Task<int?> RemovePanelistAsync(DbSession s, long id, string userName, CancellationToken ct = default)
    {
        var ratings = await s.ExecuteAsync(DropRatings, new { Id = id, UserName = userName }, ct);
        return await s.ExecuteAsync(DropPanelist, new { Id = id, UserName = userName }, ct) == 1 ? ratings : null;
    }

    /// <summary>Rows changed: 0 when the study is no longer at <paramref name="from"/> or a panelist has not finished.</summary>
    public Task<int> AdvanceAsync(DbSession s, long id, string from, string to, int minPanelists, CancellationToken ct = default) =>
        s.ExecuteAsync(Advance, new { Id = id, From = from, To = to, MinPanelists = minPanelists }, ct);

    public Task<int> CopyRoundOneAsync(DbSession s, long id, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(CopyRoundOne, new { Id = id, Now = now }, ct);

    /// <summary>
    /// Claims the panelist's row for a save in <paramref name="round"/> while the study is at <paramref name="stage"/>:
    /// 1 row when the save may go ahead in this transaction, 0 when the round is closed or finished or they are not on the panel.
    /// </summary>
    public Task<int> OpenForSaveAsync(DbSession s, long id, string userName, int round, string stage, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(TouchOpen, new { Id = id, UserName = userName, Round = round, Stage = stage, Now = now }, ct);

    public Task<int> SaveRatingAsync(DbSession s, long id, string userName, int round, int position, int rating, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(UpsertRating, new { StudyId = id, UserName = userName, Round = round, Position = position, Rating = rating, SavedAt = now }, ct);

    public Task<int> SaveExpectedPassAsync(DbSession s, long id, string userName, int percent, CancellationToken ct = default) =>
        s.ExecuteAsync(ExpectPass, new { Id = id, UserName = userName, Percent = percent }, ct);

    /// <summary>Rows changed: 0 unless the round is open, unfinished, every one of <paramref name="items"/> is rated (and, in round 2, the expected pass rate given).</summary>
    public Task<int> FinishRoundAsync(DbSession s, long id, string userName, int round, string stage, int items, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(Finish, new { Id = id, UserName = userName, Round = round, Stage = stage, Items = items, Now = now }, ct);

    public async Task<IReadOnlyList<StoredPanelist>> PanelistsAsync(DbSession s, long id, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredPanelist>(Panelists, new { Id = id }, ct)).ToList();

    /// <summary>A round's ratings: everyone's, or only <paramref name="userName"/>'s (what a panelist may see).</summary>
    public async Task<IReadOnlyList<StoredRating>> RatingsAsync(DbSession s, long id, int round, string? userName = null, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredRating>(Ratings, new { Id = id, Round = round, UserName = userName }, ct)).ToList();

    /// <summary>Rows changed: 0 unless the study is at results.</summary>
    public Task<int> AdoptAsync(DbSession s, long id, int cut, int outOf, int keyVersion, string adoptedBy, string reason, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(Adopt, new { Id = id, Cut = cut, OutOf = outOf, KeyVersion = keyVersion, AdoptedBy = adoptedBy, AdoptedAt = now, Reason = reason }, ct);
}
