using Exam.Core.Psychometrics;
using Exam.Web.Analysis;
using Exam.Web.Demo;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>The item analysis of the demo's simulated sitting, where the committee works: item pages, search, key correction.</summary>
public sealed class AnalysisInTheBankTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<Browserless> CommitteeAsync()
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        return committee;
    }

    private async Task<FormAnalysis> DemoAsync() => (await app.Services.GetRequiredService<ItemAnalyses>().RunAsync(DemoSeeder.DemoFormId, null))!;

    [Fact]
    public async Task An_items_page_shows_its_statistics_from_the_form_and_each_sitting()
    {
        var item = (await DemoAsync()).Report.Items.First(i => i.Flags.Count > 0);
        var (_, html) = await (await CommitteeAsync()).GetAsync($"/Committee/Items/Details/{item.ItemId}");
        Assert.Contains("Statistics from sittings", html);
        Assert.Contains(SimulatedSittingSeeder.Title, html);
        Assert.Contains("all sittings", html);
        Assert.Contains(AnalysisJson(item.P), html);
        Assert.Contains(string.Join(", ", item.Flags.Select(ItemFlags.Code)), html);
    }

    [Fact]
    public async Task The_item_search_filters_by_flag()
    {
        var report = (await DemoAsync()).Report;
        var easy = report.Items.Where(i => i.Flags.Contains(ItemFlag.TooEasy)).Select(i => i.ItemId).ToHashSet();
        var notEasy = report.Items.First(i => !easy.Contains(i.ItemId)).ItemId;
        Assert.NotEmpty(easy);
        var (_, html) = await (await CommitteeAsync()).GetAsync("/Committee/Items?flag=too-easy");
        Assert.Contains($"of {easy.Count}", html);
        foreach (var id in easy.Take(5)) Assert.Contains($"/Committee/Items/Details/{id}\"", html);
        Assert.DoesNotContain($"/Committee/Items/Details/{notEasy}\"", html);
        var (_, unknown) = await (await CommitteeAsync()).GetAsync("/Committee/Items?flag=<script>");
        Assert.DoesNotContain("<script>", unknown[unknown.IndexOf("<main", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task The_key_correction_page_shows_option_counts_point_biserials_and_flags()
    {
        var item = (await DemoAsync()).Report.Items.First(i => i.Flags.Contains(ItemFlag.DistractorPositiveRpb));
        var (_, html) = await (await CommitteeAsync()).GetAsync($"/Committee/Scoring/KeyCorrection?FormId={DemoSeeder.DemoFormId}");
        Assert.Contains("id=\"key-stats\"", html);
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr id=\"stats-{item.Position}\".*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("distractor-positive-rpb", row);
        foreach (var o in item.Options) Assert.Contains($"{o.Option}{(o.Keyed ? "*" : "")}: {o.Count} ({AnalysisJson(o.Rpb)})", row);
    }

    private static string AnalysisJson(double? v) => Exam.Data.Analysis.AnalysisJson.Show(v);
}
