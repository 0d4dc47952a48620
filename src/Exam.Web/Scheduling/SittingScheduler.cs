using System.Text.Json;
using Exam.Core;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Core.Scheduling;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>
/// What a coordinator types for a new sitting. The window is wall-clock time in <see cref="TimeZone"/> (an IANA id);
/// the sitting stores it in UTC.
/// </summary>
public sealed record SittingInput(
    string? Title, string? FormId, DateTime? OpensAt, DateTime? ClosesAt, string? TimeZone, long? ProctorUserId, bool Remote, string? Location,
    bool RequiresAdmission);

/// <summary>A sitting with the names a page shows beside it.</summary>
public sealed record SittingView(Sitting Sitting, string FormTitle, string? ProctorName);

/// <summary>The choices a new sitting is made from: published forms and active proctors.</summary>
public sealed record SittingChoices(IReadOnlyList<StoredForm> Forms, IReadOnlyList<StaffAccount> Proctors);

/// <summary>Schedules sittings of published forms; every sitting made is audited.</summary>
public sealed class SittingScheduler(Db db, SittingStore sittings, ItemBankStore bank, StaffAccountStore staff, RegistrationStore registrations, AuditLog audit)
{
    public const string Remote = "Remote";
    public const int MaxTitleLength = FieldLimits.SittingTitle;
    public const int MaxLocationLength = FieldLimits.Location;

    public async Task<SittingChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var forms = (await bank.ListFormsAsync(s, ct)).Where(f => f.FormStatus == FormStatus.Published).ToList();
        var proctors = (await staff.ListAsync(s, ct)).Where(IsActiveProctor).ToList();
        return new SittingChoices(forms, proctors);
    }

    public async Task<(long? Id, string? Error)> CreateAsync(string actor, SittingInput input, CancellationToken ct = default)
    {
        var title = input.Title?.Trim() ?? "";
        var location = input.Remote ? Remote : input.Location?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength) return (null, $"Enter a title for the sitting (up to {MaxTitleLength} characters).");
        var (zone, zoneError) = SittingTimeZone.Find(input.TimeZone);
        if (zone is null) return (null, zoneError);
        if (input.OpensAt is not { } opensWall || input.ClosesAt is not { } closesWall) return (null, "Enter when the window opens and when it closes.");
        var opens = zone.ToUtc(opensWall);
        if (opens.Utc is not { } opensAt) return (null, "When the window opens: " + opens.Error);
        var closes = zone.ToUtc(closesWall);
        if (closes.Utc is not { } closesAt) return (null, "When the window closes: " + closes.Error);
        if (opensAt >= closesAt) return (null, "The window must open before it closes.");
        if (location.Length is 0 or > MaxLocationLength) return (null, $"Enter the location (up to {MaxLocationLength} characters), or choose Remote.");
        if (string.IsNullOrWhiteSpace(input.FormId)) return (null, "Choose a published form.");
        if (input.ProctorUserId is not { } proctorId) return (null, "Choose a proctor.");

        await using var s = await db.BeginAsync(ct: ct);
        var form = await bank.GetFormAsync(s, input.FormId, ct);
        if (form is null) return (null, "No such form.");
        if (form.FormStatus != FormStatus.Published)
            return (null, $"The form '{form.Title}' is {ItemBankCodes.Code(form.FormStatus)}; only a published form can be scheduled.");
        var proctor = await staff.GetAsync(s, proctorId, ct);
        if (proctor is null || !IsActiveProctor(proctor)) return (null, "The proctor must be an active staff account with the Proctor role.");

        var sitting = new Sitting
        {
            Title = title, FormId = form.Id, OpensAt = opensAt, ClosesAt = closesAt, Location = location, ProctorUserId = proctor.Id,
            RequiresAdmission = input.RequiresAdmission, TimeZone = zone.Id,
        };
        var id = await sittings.CreateAsync(s, sitting, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.SittingCreated, "sitting", id.ToString(),
            AfterJson: JsonSerializer.Serialize(new
            {
                title, formId = form.Id, opensAt, closesAt, timeZone = zone.Id, location, proctor = proctor.UserName, requiresAdmission = input.RequiresAdmission,
            }, JsonOptions)), ct);
        await s.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>Every sitting, latest window first, with its form title and proctor name.</summary>
    public async Task<IReadOnlyList<SittingView>> ListAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var forms = (await bank.ListFormsAsync(s, ct)).ToDictionary(f => f.Id, f => f.Title);
        var people = (await staff.ListAsync(s, ct)).ToDictionary(a => a.Id, a => a.DisplayName);
        return (await sittings.ListAsync(s, ct)).Select(x => new SittingView(x, forms.GetValueOrDefault(x.FormId, x.FormId),
            x.ProctorUserId is { } p ? people.GetValueOrDefault(p) : null)).ToList();
    }

    /// <summary>Sittings a candidate can still be registered for (not yet closed), soonest first.</summary>
    public async Task<IReadOnlyList<SittingView>> OpenForRegistrationAsync(DateTimeOffset now, CancellationToken ct = default) =>
        (await ListAsync(ct)).Where(v => v.Sitting.ClosesAt > now).OrderBy(v => v.Sitting.OpensAt).ToList();

    public async Task<(SittingView Sitting, IReadOnlyList<RegistrationSummary> Roster)?> DetailAsync(long id, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var sitting = await sittings.GetAsync(s, id, ct);
        if (sitting is null) return null;
        var form = await bank.GetFormAsync(s, sitting.FormId, ct);
        var proctor = sitting.ProctorUserId is { } p ? await staff.GetAsync(s, p, ct) : null;
        return (new SittingView(sitting, form?.Title ?? sitting.FormId, proctor?.DisplayName), await registrations.SummariesForSittingAsync(s, id, ct));
    }

    private static bool IsActiveProctor(StaffAccount a) => !a.IsDisabled && a.Roles.Contains(Roles.Proctor);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
