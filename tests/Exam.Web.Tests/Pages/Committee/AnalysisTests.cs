extern alias cli;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Data.Delivery;
using Exam.Web.Tests.Fixtures;
using cli::Exam.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

public sealed partial class AnalysisTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    /// <summary>A candidate who answers each question with the option of the given letter (its text, wherever it was shown), or omits it.</summary>
    private async Task<(ExamSeed.Seat Seat, long AttemptId, CandidateSession Session)> SitAsync(ExamSeed.Form form, string?[] letters, bool submit = true)
    {
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: true);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.OpenAsync("/Candidate/Exam/PartOne");
        var seq = 0;
        foreach (var q in form.Questions)
            if (letters[q.Position - 1] is { } letter)
                await session.SaveMcAsync(++seq, q.Position, session.SlotOf(q.Position, $"Option {letter} of question {q.Position}"));
        if (submit) await session.SubmitAsync("/Candidate/Exam/PartOne");
        await using var s = await app.Db.OpenAsync();
        return (seat, (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value, session);
    }

    private async Task<Browserless> CommitteeAsync()
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        return committee;
    }

    private static string Cell(string html, int position, string cls) =>
        Regex.Match(html, $"<tr id=\"item-{position}\".*?<td class=\"{cls}\">([^<]*)</td>", RegexOptions.Singleline).Groups[1].Value;

    private static int OptionCount(string html, int position, string option) =>
        int.Parse(Regex.Match(html, $"<tr id=\"item-{position}\".*?data-option=\"{option}\">[^<]*<span class=\"count\">(\\d+)</span>", RegexOptions.Singleline).Groups[1].Value);

    [Fact]
    public async Task Options_are_counted_in_the_items_own_order_whatever_order_candidates_saw()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 3);
        // Candidates choose option B of question 1 (by its text) until two of them were shown it at different slots.
        var seen = new HashSet<int>();
        var sat = 0;
        while (seen.Count < 2 && sat < 16)
        {
            var (_, _, session) = await SitAsync(form, ["B", form.Questions[1].Key, null]);
            seen.Add(session.SlotOf(1, "Option B of question 1"));
            sat++;
        }
        Assert.Equal(2, seen.Count);
        var (_, html) = await (await CommitteeAsync()).GetAsync($"/Committee/Analysis?FormId={form.Id}");
        Assert.Equal(sat, OptionCount(html, 1, "B"));
        Assert.Equal(0, OptionCount(html, 1, "A") + OptionCount(html, 1, "C") + OptionCount(html, 1, "D"));
        Assert.Contains("id=\"unstable\"", html); // a handful of attempts: the page says the statistics are unstable
    }

    [Fact]
    public async Task The_page_and_CSV_cover_submitted_attempts_of_the_sitting_only_and_agree_with_the_command_line()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 4);
        var k = form.Questions.Select(q => q.Key).ToArray();
        string Wrong(int i) => "ABCD".First(l => l.ToString() != k[i]).ToString();
        var strong = await SitAsync(form, [k[0], k[1], k[2], k[3]]);
        await SitAsync(form, [k[0], k[1], Wrong(2), null]);
        await SitAsync(form, [Wrong(0), k[1], Wrong(2), Wrong(3)]);
        await SitAsync(form, [k[0], Wrong(1), k[2], k[3]], submit: false); // still sitting Part One: not in the analysis
        var voided = await SitAsync(form, [Wrong(0), Wrong(1), Wrong(2), Wrong(3)]);
        await using (var s = await app.Db.BeginAsync())
        {
            Assert.True(await app.Services.GetRequiredService<AttemptStore>().VoidAsync(s, voided.AttemptId, app.Clock.GetUtcNow(), "Test void"));
            await s.CommitAsync();
        }

        var committee = await CommitteeAsync();
        var (_, html) = await committee.GetAsync($"/Committee/Analysis?FormId={form.Id}");
        Assert.Contains("<td id=\"test-n\">3</td>", html);
        Assert.Contains("<td id=\"test-mean\">2.333</td>", html); // totals 4, 2, 1 (the omit scores 0)
        Assert.Equal("0.667", Cell(html, 1, "p"));
        Assert.Contains("<svg", html);
        Assert.Contains("How these are computed", html);
        Assert.DoesNotContain("<script", html[html.IndexOf("<main", StringComparison.Ordinal)..]);

        // The CLI on the same database prints the same figures.
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(app.DataDir, _ => null, app.Clock, "test");
        var code = await ExamCli.RunAsync(["analysis", "--sqlite", Path.Combine(app.DataDir, "exam.db"), "--form", form.Id, "--json"], output, error, context);
        Assert.True(code == 0, error.ToString());
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(3, json.GetProperty("n").GetInt32());
        Assert.Equal(Show(json, "kr20"), Regex.Match(html, "<td id=\"test-kr20\">([^<( ]*)").Groups[1].Value);
        Assert.Equal(Show(json, "sem"), Regex.Match(html, "<td id=\"test-sem\">([^<]*)</td>").Groups[1].Value);
        Assert.Equal("2.333", Show(json, "mean"));
        foreach (var item in json.GetProperty("items").EnumerateArray())
        {
            var position = item.GetProperty("position").GetInt32();
            Assert.Equal(Show(item, "p"), Cell(html, position, "p"));
            Assert.Equal(Show(item, "rpbCorrected"), Cell(html, position, "rpbc"));
            Assert.Equal(Show(item, "rpb"), Cell(html, position, "rpb"));
            foreach (var option in item.GetProperty("options").EnumerateArray())
                Assert.Equal(option.GetProperty("count").GetInt32(), OptionCount(html, position, option.GetProperty("option").GetString()!));
        }

        // The sitting of the strong candidate alone, and its CSV.
        var (_, one) = await committee.GetAsync($"/Committee/Analysis?FormId={form.Id}&SittingId={strong.Seat.SittingId}");
        Assert.Contains("<td id=\"test-n\">1</td>", one);
        var (response, csv) = await committee.GetAsync($"/Committee/Analysis?FormId={form.Id}&handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("attempt,p1_", lines[0]);
        Assert.Equal($"R0001,{k[0]},1,{k[1]},1,{k[2]},1,{k[3]},1", lines[1]);
        Assert.Equal($"R0002,{k[0]},1,{k[1]},1,{Wrong(2)},0,,0", lines[2]);
        Assert.DoesNotContain(strong.Seat.CandidateNumber, csv);

        // The CLI writes the same matrix.
        var file = Path.Combine(app.DataDir, "matrix.csv");
        Assert.Equal(0, await ExamCli.RunAsync(["analysis", "--sqlite", Path.Combine(app.DataDir, "exam.db"), "--form", form.Id, "--responses", file], output, error, context));
        Assert.Equal(csv, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Only_the_committee_opens_the_analysis_and_unknown_forms_show_nothing()
    {
        var proctor = Browserless.For(app);
        await proctor.StaffSignInAsync("proctor", DemoLogins.Staff("proctor").Password);
        Assert.Contains("/Account/AccessDenied", (await proctor.GetAsync("/Committee/Analysis")).Response.Headers.Location!.ToString());
        Assert.Contains("/Account/AccessDenied", (await proctor.GetAsync("/Committee/Analysis?FormId=x&handler=Csv")).Response.Headers.Location!.ToString());

        var committee = await CommitteeAsync();
        var (ok, html) = await committee.GetAsync("/Committee/Analysis?FormId=no-such-form&SittingId=abc");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.DoesNotContain("id=\"test-n\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync("/Committee/Analysis?FormId=no-such-form&handler=Csv")).Response.StatusCode);
    }

    private static string Show(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? "n/a" : e.GetProperty(name).GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
