using Exam.Data.Delivery;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>"Saved" means saved: the page lets a change go only when the server acknowledges it, whatever the browser's state.</summary>
public sealed class SaveQueueJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IReadOnlyList<McAnswer>> SavedAsync(long registrationId)
    {
        await using var s = await browser.App.Db.OpenAsync();
        var attemptId = await browser.App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, registrationId);
        return (await browser.App.Services.GetRequiredService<AnswerStore>().LoadAsync(s, attemptId!.Value)).Mc;
    }

    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, IPage Page, ExamPage Exam)> AtPartOneAsync(string? initScript = null)
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        if (initScript is not null) await page.Context.AddInitScriptAsync(initScript);
        var exam = new ExamPage(page);
        await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
        return (form, seat, page, exam);
    }

    [Fact]
    public async Task Sign_in_lost_mid_exam_keeps_the_change_says_so_and_sends_it_once_signed_in_again()
    {
        var (form, seat, page, exam) = await AtPartOneAsync();
        await Screenshots.KeepOnFailureAsync("signed-out", async () =>
        {
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();
            var signIn = (await page.Context.CookiesAsync()).Single(c => c.Name == "exam.auth");
            await page.Context.ClearCookiesAsync(new() { Name = "exam.auth" });

            await exam.GoToAsync(2);
            await exam.ChooseAsync(2, form.Questions[1].KeyText);
            await Expect(exam.Notice).ToContainTextAsync("You are no longer signed in");
            await Expect(exam.Notice).ToContainTextAsync("They are kept on this computer");
            await Expect(page.Locator("#save-status")).ToHaveTextAsync("Not saved yet: you are signed out");
            Assert.DoesNotContain(await SavedAsync(seat.RegistrationId), a => a.Position == 2);

            await page.Context.AddCookiesAsync([new Cookie
            {
                Name = signIn.Name, Value = signIn.Value, Domain = signIn.Domain, Path = signIn.Path, HttpOnly = true, SameSite = signIn.SameSite,
            }]);
            await exam.WaitSavedAsync();
            await Expect(exam.Notice).ToBeHiddenAsync();
        }, page);
        Assert.Contains(await SavedAsync(seat.RegistrationId), a => a.Position == 2 && a.OptionId == form.Questions[1].Key);
    }

    [Fact]
    public async Task An_expired_antiforgery_token_is_renewed_and_the_change_sent_again()
    {
        var (form, seat, page, exam) = await AtPartOneAsync();
        var statuses = new List<int>();
        page.Response += (_, r) => { if (r.Url.EndsWith("/Save", StringComparison.Ordinal)) lock (statuses) statuses.Add(r.Status); };
        await Screenshots.KeepOnFailureAsync("token-expired", async () =>
        {
            await page.Context.ClearCookiesAsync(new() { Name = "exam.af" });
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();
        }, page);
        lock (statuses) Assert.Equal([400, 200], statuses);
        Assert.Contains(await SavedAsync(seat.RegistrationId), a => a.Position == 1 && a.OptionId == form.Questions[0].Key);
    }

    [Fact]
    public async Task With_storage_disabled_every_change_gets_its_own_number_and_the_candidate_is_told_the_safety_net_is_off()
    {
        const string noStorage = """
            Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
            """;
        var (form, seat, page, exam) = await AtPartOneAsync(noStorage);
        await Screenshots.KeepOnFailureAsync("no-storage", async () =>
        {
            await Expect(exam.Notice).ToContainTextAsync("the offline safety net is off");
            foreach (var q in form.Questions.Take(3))
            {
                await exam.GoToAsync(q.Position);
                await exam.ChooseAsync(q.Position, q.KeyText);
            }
            await exam.WaitSavedAsync();
        }, page);
        var saved = await SavedAsync(seat.RegistrationId);
        Assert.Equal([1, 2, 3], saved.Where(a => a.OptionId is not null).Select(a => a.Position));
        Assert.Equal(3, saved.Select(a => a.Seq).Distinct().Count());
    }

    [Fact]
    public async Task A_reload_while_offline_loses_nothing_the_change_is_sent_when_the_page_is_back()
    {
        var (form, seat, page, exam) = await AtPartOneAsync();
        await Screenshots.KeepOnFailureAsync("reload-offline", async () =>
        {
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();
            await page.Context.SetOfflineAsync(true);
            await exam.GoToAsync(2);
            await exam.ChooseAsync(2, form.Questions[1].KeyText);
            await Expect(exam.Status).ToHaveTextAsync("Offline: your answers are kept on this device and will be sent when the connection returns");
            await Assert.ThrowsAsync<PlaywrightException>(() => page.ReloadAsync());

            await page.Context.SetOfflineAsync(false);
            await page.GotoAsync("/Candidate/Exam");
            await exam.WaitSavedAsync();
        }, page);
        Assert.Contains(await SavedAsync(seat.RegistrationId), a => a.Position == 2 && a.OptionId == form.Questions[1].Key);
    }

    [Fact]
    public async Task Two_tabs_offline_keep_each_others_changes()
    {
        var (form, seat, first, exam) = await AtPartOneAsync();
        var second = await first.Context.NewPageAsync();
        await Screenshots.KeepOnFailureAsync("two-tabs", async () =>
        {
            await second.GotoAsync("/Candidate/Exam");
            var other = new ExamPage(second);
            await first.Context.SetOfflineAsync(true);
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await other.GoToAsync(2);
            await other.ChooseAsync(2, form.Questions[1].KeyText);
            await first.CloseAsync();
            await second.CloseAsync();

            await first.Context.SetOfflineAsync(false);
            var third = await first.Context.NewPageAsync();
            await third.GotoAsync("/Candidate/Exam");
            await new ExamPage(third).WaitSavedAsync();
        }, first, second);
        var saved = await SavedAsync(seat.RegistrationId);
        Assert.Contains(saved, a => a.Position == 1 && a.OptionId == form.Questions[0].Key);
        Assert.Contains(saved, a => a.Position == 2 && a.OptionId == form.Questions[1].Key);
    }
}
