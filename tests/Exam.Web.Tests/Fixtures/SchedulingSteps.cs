using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.ItemBank;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Fixtures;

/// <summary>
/// Scheduling steps as a coordinator does them through the pages, and forms made directly in the item bank
/// (the demo data has no published form yet).
/// </summary>
public static partial class SchedulingSteps
{
    /// <summary>A form in the bank, published unless asked otherwise.</summary>
    public static async Task<string> CreateFormAsync(this ExamAppFactory factory, int retakeWaitDays = 365, bool publish = true)
    {
        var id = "wf-" + Guid.NewGuid().ToString("N")[..8];
        var bank = factory.Services.GetRequiredService<ItemBankStore>();
        await using var s = await factory.Db.BeginAsync();
        await bank.CreateFormAsync(s, new FormDefinition { Id = id, Title = "Form " + id, RetakeWaitDays = retakeWaitDays });
        if (publish) await bank.SetFormStatusAsync(s, id, FormStatus.Published, "test-setup");
        await s.CommitAsync();
        return id;
    }

    public static async Task<long> StaffIdAsync(this ExamAppFactory factory, string userName)
    {
        await using var s = await factory.Db.OpenAsync();
        return (await factory.Services.GetRequiredService<StaffAccountStore>().FindAsync(s, userName))!.Id;
    }

    public static async Task<Browserless> SignedInAsync(this ExamAppFactory factory, string userName)
    {
        var browser = Browserless.For(factory);
        var (response, _) = await browser.StaffSignInAsync(userName, DemoLogins.Staff(userName).Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static async Task<(long Id, string Number)> CreateCandidateAsync(
        this Browserless browser, string name = "Jamie Test", string association = "Michigan AIMH", string track = "IMHS")
    {
        var (response, _) = await browser.PostFormAsync("/Admin/Candidates/Create",
        [
            new("FullName", name), new("Email", "jamie." + Guid.NewGuid().ToString("N")[..6] + "@example.org"),
            new("Association", association), new("Track", track), new("Notes", ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response);
        var (_, html) = await browser.GetAsync($"/Admin/Candidates/Record/{id}");
        var number = Regex.Match(html, "Candidate ([0-9]{6}) created").Groups[1].Value;
        return (id, number);
    }

    /// <summary>Posts the new-sitting form; the window is given in whole minutes, as the page takes it.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostSittingAsync(
        this Browserless browser, ExamAppFactory factory, string formId, DateTimeOffset opensAt, DateTimeOffset closesAt,
        string? title = null, string location = "Lansing", long? proctorId = null, bool requiresAdmission = true)
    {
        proctorId ??= await factory.StaffIdAsync("proctor");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Title", title ?? "Sitting " + Guid.NewGuid().ToString("N")[..6]), new("FormId", formId),
            new("OpensAt", Local(opensAt)), new("ClosesAt", Local(closesAt)), new("TimeZone", "UTC"),
            new("ProctorUserId", proctorId.Value.ToString(CultureInfo.InvariantCulture)),
            new("Location", location),
        };
        if (location == "Remote") fields.Add(new("Remote", "true"));
        if (requiresAdmission) fields.Add(new("RequiresAdmission", "true"));
        fields.Add(new("RequiresAdmission", "false"));
        return await browser.PostFormAsync("/Admin/Sittings/Create", fields);
    }

    public static async Task<long> CreateSittingAsync(
        this Browserless browser, ExamAppFactory factory, string formId, DateTimeOffset opensAt, DateTimeOffset? closesAt = null, string? title = null)
    {
        var (response, body) = await browser.PostSittingAsync(factory, formId, opensAt, closesAt ?? opensAt.AddHours(6), title);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        return IdFrom(response);
    }

    public static Task<(HttpResponseMessage Response, string Body)> PostRegistrationAsync(
        this Browserless browser, long candidateId, long sittingId, bool partOne = true, bool partTwo = true,
        int extraOne = 0, int extraTwo = 0, string restBreaks = "", string? overrideReason = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("CandidateId", candidateId.ToString(CultureInfo.InvariantCulture)), new("SittingId", sittingId.ToString(CultureInfo.InvariantCulture)),
            new("ExtraTimePartOne", extraOne.ToString(CultureInfo.InvariantCulture)), new("ExtraTimePartTwo", extraTwo.ToString(CultureInfo.InvariantCulture)),
            new("RestBreaks", restBreaks),
        };
        if (partOne) fields.Add(new("PartOne", "true"));
        if (partTwo) fields.Add(new("PartTwo", "true"));
        fields.Add(new("PartOne", "false"));
        fields.Add(new("PartTwo", "false"));
        if (overrideReason is not null) fields.Add(new("OverrideReason", overrideReason));
        return browser.PostFormAsync($"/Admin/Registrations/Create?candidateId={candidateId}", fields);
    }

    /// <summary>Registers and follows the redirect to the page that shows the code once.</summary>
    public static async Task<(long RegistrationId, string Code, string Html)> RegisterAsync(
        this Browserless browser, long candidateId, long sittingId, bool partOne = true, bool partTwo = true, int extraOne = 0, int extraTwo = 0,
        string restBreaks = "")
    {
        var (response, body) = await browser.PostRegistrationAsync(candidateId, sittingId, partOne, partTwo, extraOne, extraTwo, restBreaks);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        var id = IdFrom(response);
        var (_, html) = await browser.GetAsync(response.Headers.Location!.OriginalString);
        var code = CodeIn(html);
        Assert.NotNull(code);
        return (id, code, html);
    }

    public static string? CodeIn(string html) => AccessCodeElement().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public static long IdFrom(HttpResponseMessage redirect) =>
        long.Parse(redirect.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1], CultureInfo.InvariantCulture);

    /// <summary>A time as a datetime-local field holds it (UTC, whole minutes).</summary>
    public static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Now, cut to the minute: what a datetime-local field can say.</summary>
    public static DateTimeOffset Minute(this ExamAppFactory factory)
    {
        var now = factory.Clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }

    [GeneratedRegex("id=\"access-code\">([A-Z0-9]{4}-[A-Z0-9]{4})<")]
    private static partial Regex AccessCodeElement();
}
