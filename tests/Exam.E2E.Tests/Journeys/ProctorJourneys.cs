using System.Text.RegularExpressions;
using Dapper;
using Deque.AxeCore.Playwright;
using Exam.Core.Accounts;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>A proctor and candidates, each in a browser context of their own, over the real hubs.</summary>
public sealed class ProctorJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "proctor-journey-password";

    /// <summary>A sitting of a fresh form with one candidate, and a new proctor assigned to it.</summary>
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, string Proctor)> SittingAsync()
    {
        var app = browser.App;
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var userName = "p" + Guid.NewGuid().ToString("N")[..10];
        var (id, error) = await app.Services.GetRequiredService<StaffAdministration>().CreateAsync("test-setup", userName, "Pat Proctor", Password, [Roles.Proctor]);
        Assert.True(id is not null, error);
        await using var s = await app.Db.BeginAsync();
        await s.Connection.ExecuteAsync("UPDATE sittings SET proctor_user_id = @P WHERE id = @Id", new { P = id, Id = seat.SittingId }, s.Transaction);
        await s.CommitAsync();
        return (form, seat, userName);
    }

    private async Task<(ProctorConsolePage Console, ExamPage Exam, ExamSeed.Form Form, ExamSeed.Seat Seat)> StartAsync()
    {
        var (form, seat, proctor) = await SittingAsync();
        var exam = new ExamPage(await browser.NewActorAsync());
        await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
        var console = new ProctorConsolePage(await browser.NewActorAsync());
        await console.SignInAndOpenAsync(proctor, Password, seat.SittingId);
        await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("In Part One");
        await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=connection]")).ToHaveTextAsync("Connected");
        return (console, exam, form, seat);
    }

    [Fact]
    public async Task The_proctor_pauses_a_candidate_and_the_candidates_timer_stops()
    {
        var (console, exam, _, seat) = await StartAsync();
        await Screenshots.KeepOnFailureAsync("proctor-pause", async () =>
        {
            await console.ActAsync(seat.CandidateNumber, "Pause", "Pause", reason: "fire alarm");

            await Expect(exam.Page.Locator("#pause-overlay")).ToBeVisibleAsync();
            await Expect(exam.Page.GetByText("Your proctor has paused the exam.")).ToBeVisibleAsync();
            await Expect(exam.Page.GetByRole(AriaRole.Dialog, new() { Name = "Exam paused" })).ToBeFocusedAsync(); // read out by a screen reader
            await Expect(exam.Timer).ToHaveTextAsync(new Regex(@"\(paused\)$"));
            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("Paused in Part One");
            // Watch the display for three of its half-second ticks (a running timer changes within one second): it must not move.
            var unchanged = await exam.Page.EvaluateAsync<bool>("""
                () => new Promise(resolve => {
                  const timer = document.getElementById('timer'), before = timer.textContent;
                  setTimeout(() => resolve(timer.textContent === before), 1500);
                })
                """);
            Assert.True(unchanged, "the candidate's timer moved while paused");

            await console.ActAsync(seat.CandidateNumber, "Resume", "Resume");
            await Expect(exam.Page.Locator("#pause-overlay")).ToBeHiddenAsync();
            await Expect(exam.Alert).ToHaveTextAsync("The exam has resumed.");
            await Expect(exam.Timer).Not.ToHaveTextAsync(new Regex("paused"));
            await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=time]")).Not.ToHaveTextAsync(new Regex("paused"));
            await Expect(console.Page.Locator("#log")).ToContainTextAsync("fire alarm");
        }, console.Page, exam.Page);
    }

    [Fact]
    public async Task Extending_time_makes_the_candidates_timer_jump()
    {
        var (console, exam, _, seat) = await StartAsync();
        await Screenshots.KeepOnFailureAsync("proctor-extend", async () =>
        {
            await Expect(exam.Timer).ToHaveTextAsync(new Regex(@"^(1:30:00|1:29:\d\d)$"));

            await console.ActAsync(seat.CandidateNumber, "Extend", "Extend time", reason: "late start", minutes: 30);

            await Expect(exam.Timer).ToHaveTextAsync(new Regex(@"^(2:00:00|1:59:\d\d)$"));
            await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=time]")).ToHaveTextAsync(new Regex(@"^(2:00:00|1:59:\d\d)$"));
            await Expect(console.Page.Locator("#log")).ToContainTextAsync("30 min · late start");
        }, console.Page, exam.Page);
    }

    [Fact]
    public async Task Voiding_ends_the_candidates_attempt_on_their_screen()
    {
        var (console, exam, form, seat) = await StartAsync();
        await Screenshots.KeepOnFailureAsync("proctor-void", async () =>
        {
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();

            await console.ActAsync(seat.CandidateNumber, "Void", "Void the attempt", reason: "notes found on the desk");

            await Expect(exam.Page.GetByRole(AriaRole.Heading, new() { Name = "Your attempt has ended" })).ToBeVisibleAsync();
            await Expect(exam.Page.GetByText("Your proctor has ended this attempt.")).ToBeVisibleAsync();
            await Expect(exam.Page.GetByText("notes found on the desk")).ToHaveCountAsync(0); // the reason stays in the record
            await Expect(exam.Page.GetByText(ExamPage.ReceiptCode())).ToHaveCountAsync(0);
            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("Voided");
            await Expect(console.Row(seat.CandidateNumber).GetByRole(AriaRole.Button, new() { Name = $"Void {seat.CandidateNumber}" })).ToHaveCountAsync(0);
            await Expect(console.Row(seat.CandidateNumber).GetByRole(AriaRole.Button, new() { Name = $"Pause {seat.CandidateNumber}" })).ToHaveCountAsync(0);
        }, console.Page, exam.Page);
    }

    [Fact]
    public async Task Readmitting_moves_the_candidate_to_a_second_computer_with_answers_intact()
    {
        var (console, first, form, seat) = await StartAsync();
        var second = new ExamPage(await browser.NewActorAsync());
        await Screenshots.KeepOnFailureAsync("proctor-readmit", async () =>
        {
            var q1 = form.Questions[0];
            await first.ChooseAsync(1, q1.KeyText);
            await first.FlagAsync(1);
            await first.WaitSavedAsync();

            var signIn = new CandidateSignInPage(second.Page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(seat.CandidateNumber, seat.AccessCode);
            await second.Page.GetByRole(AriaRole.Link, new() { Name = "Continue the exam" }).ClickAsync();
            await Expect(second.Page.GetByRole(AriaRole.Heading, new() { Name = "Your exam is open on another computer" })).ToBeVisibleAsync();
            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("In Part One · signed in on another computer");

            await console.ActAsync(seat.CandidateNumber, "Re-admit", "Re-admit on another computer", reason: "first computer froze");

            await Expect(second.Page.GetByRole(AriaRole.Heading, new() { Name = "Part One", Exact = true })).ToBeVisibleAsync();
            await Expect(second.Question(1).GetByLabel(q1.KeyText, new() { Exact = true })).ToBeCheckedAsync();
            await Expect(second.Page.GetByRole(AriaRole.Button, new() { Name = "Question 1", Exact = true })).ToHaveClassAsync(new Regex("flagged"));
            // The first computer's sign-in has ended on the server: it lands on the sign-in page, which says why.
            await Expect(first.Page.GetByText("Your proctor moved your exam to another computer").First).ToBeVisibleAsync();
            await Expect(first.Page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);

            await second.GoToAsync(2);
            await second.ChooseAsync(2, form.Questions[1].KeyText);
            await second.WaitSavedAsync();
            await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=answered]")).ToHaveTextAsync("2 of 6");
        }, console.Page, first.Page, second.Page);
    }

    [Fact]
    public async Task The_console_its_dialog_and_the_report_are_free_of_serious_axe_violations()
    {
        var (console, exam, _, seat) = await StartAsync();
        await Screenshots.KeepOnFailureAsync("proctor-axe", async () =>
        {
            await AssertAxeCleanAsync(console.Page, "live console");
            await console.Page.GetByRole(AriaRole.Button, new() { Name = $"Extend {seat.CandidateNumber}", Exact = true }).ClickAsync();
            await Expect(console.Dialog).ToBeVisibleAsync();
            await AssertAxeCleanAsync(console.Page, "extend dialog");
            await console.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await console.Page.GetByRole(AriaRole.Button, new() { Name = "Record an incident" }).ClickAsync();
            await console.Dialog.GetByLabel("Category").SelectOptionAsync("technical");
            await console.Dialog.GetByLabel("What happened").FillAsync("Projector failed");
            await console.Dialog.GetByRole(AriaRole.Button, new() { Name = "Record an incident" }).ClickAsync();
            await Expect(console.Page.Locator("#log")).ToContainTextAsync("technical · Projector failed");
            await console.Page.GetByRole(AriaRole.Link, new() { Name = "Sitting report" }).ClickAsync();
            await Expect(console.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Sitting report") })).ToBeVisibleAsync();
            await Expect(console.Page.Locator("#report-incidents")).ToContainTextAsync("Projector failed");
            await AssertAxeCleanAsync(console.Page, "sitting report");
        }, console.Page, exam.Page);
    }

    [Fact]
    public async Task Every_action_dialog_of_the_console_is_free_of_serious_axe_violations()
    {
        var (_, seat, proctor) = await SittingAsync();
        await using (var s = await browser.App.Db.BeginAsync())
        {
            await s.Connection.ExecuteAsync("UPDATE registrations SET break_count = 1, break_minutes = 5 WHERE id = @Id", new { Id = seat.RegistrationId }, s.Transaction);
            await s.CommitAsync();
        }
        var exam = new ExamPage(await browser.NewActorAsync());
        await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
        var console = new ProctorConsolePage(await browser.NewActorAsync());
        await console.SignInAndOpenAsync(proctor, Password, seat.SittingId);
        // A second computer signs in, so the console offers Re-admit too.
        var second = new ExamPage(await browser.NewActorAsync());
        await Screenshots.KeepOnFailureAsync("proctor-dialogs-axe", async () =>
        {
            var signIn = new CandidateSignInPage(second.Page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(seat.CandidateNumber, seat.AccessCode);
            await second.Page.GetByRole(AriaRole.Link, new() { Name = "Continue the exam" }).ClickAsync();
            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("In Part One · signed in on another computer");

            async Task OpenCheckAndCancelAsync(string button, string title)
            {
                await console.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
                await Expect(console.Dialog).ToBeVisibleAsync();
                await Expect(console.Page.Locator("#action-title")).ToHaveTextAsync(new Regex("^" + Regex.Escape(title)));
                await AssertAxeCleanAsync(console.Page, title + " dialog");
                await console.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
                await Expect(console.Dialog).ToBeHiddenAsync();
            }

            var n = seat.CandidateNumber;
            await OpenCheckAndCancelAsync($"Pause {n}", "Pause");
            await OpenCheckAndCancelAsync($"Void {n}", "Void the attempt");
            await OpenCheckAndCancelAsync($"Incident {n}", "Record an incident");
            await OpenCheckAndCancelAsync($"Re-admit {n}", "Re-admit on another computer");
            await OpenCheckAndCancelAsync($"Start break {n}", "Start a rest break");
            await OpenCheckAndCancelAsync("Pause all", "Pause all candidates");
            await console.ActAsync(n, "Start break", "Start a rest break");
            await OpenCheckAndCancelAsync($"End break {n}", "End the rest break");
        }, console.Page, exam.Page, second.Page);
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
