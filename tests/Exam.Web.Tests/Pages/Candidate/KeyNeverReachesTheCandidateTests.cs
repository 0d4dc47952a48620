using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// The line we never cross: the key, the rationales, or anything that marks the keyed option never reach a
/// candidate's browser. Every page, script, API answer and hub message a candidate receives is scanned.
/// </summary>
public sealed partial class KeyNeverReachesTheCandidateTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private readonly List<(string Where, string Text)> _received = [];

    private void Keep(string where, string text) => _received.Add((where, text));

    [Fact]
    public async Task No_page_script_api_answer_or_hub_message_marks_the_keyed_option()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var keyedSlots = new List<int>();
        for (var candidate = 0; candidate < 2; candidate++)
        {
            var seat = await ExamSeed.SeatAsync(app, form);
            var session = await CandidateSession.SignInAsync(app, seat);
            Keep("/Candidate", (await session.Browser.GetAsync("/Candidate")).Body);
            await session.OpenAsync("/Candidate/Exam/Rules");
            Keep("rules", session.Html);
            await session.AcceptRulesAsync();
            await session.OpenAsync("/Candidate/Exam/PartOne");
            Keep("part one", session.Html);
            Keep("part one content", session.PartOneContent);
            foreach (var q in form.Questions)
            {
                var slot = session.SlotOf(q.Position, q.KeyText);
                keyedSlots.Add(slot);
                Keep("save", (await session.SaveMcAsync(q.Position, q.Position, slot)).Body.GetRawText());
            }
            await using (var hub = HubClients.Build(app, "/hubs/exam", session.Browser))
            {
                var pushed = new TaskCompletionSource<ClockMessage>();
                hub.On<ClockMessage>("Clock", c => pushed.TrySetResult(c));
                await hub.StartAsync();
                Keep("hub push", JsonSerializer.Serialize(await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10))));
                Keep("hub sync", JsonSerializer.Serialize(await hub.InvokeAsync<ClockMessage?>("Sync")));
            }
            await session.SubmitAsync("/Candidate/Exam/PartOne");
            await session.OpenAsync();
            Keep("between", session.Html);
            await session.Browser.PostFormAsync("/Candidate/Exam/Between", []);
            await session.OpenAsync();
            Keep("part two", session.Html);
            await session.SubmitAsync("/Candidate/Exam/PartTwo");
            await session.OpenAsync();
            Keep("receipt", session.Html);
        }
        foreach (var script in new[] { "/js/exam/exam-common.js", "/js/exam/part-one.js", "/js/exam/exam-status.js", "/js/exam/part-two.js", "/js/exam/waiting.js", "/css/site.css" })
            Keep(script, (await Browserless.For(app).GetAsync(script)).Body);

        foreach (var (where, text) in _received)
        {
            Assert.DoesNotContain(form.Marker, text);                       // no rationale, no rater note
            Assert.DoesNotMatch(Marks(), text);                            // no attribute, field or variable naming the key
            foreach (Match value in RadioValue().Matches(text))            // options carry only their display slot
                Assert.Matches("^[1-4]$", value.Groups[1].Value);
            Assert.DoesNotContain("value=\"A\"", text);
        }
        // The keyed option sits in different slots: its position says nothing either.
        Assert.True(keyedSlots.Distinct().Count() >= 2, $"keyed slots: {string.Join(",", keyedSlots)}");
        Assert.Contains(_received, r => r.Where == "hub push");
        Assert.Contains(_received, r => r.Where == "part one content" && r.Text.Contains("\"questions\"", StringComparison.Ordinal));
    }

    [GeneratedRegex("(?i)(data-(key|keyed|correct|answer|rationale)\\b|[\"'](key|keyed|correct|iscorrect|rationale|answerKey)[\"']\\s*:|\\bisCorrect\\b|\\bcorrectOption\\b)")]
    private static partial Regex Marks();

    [GeneratedRegex("type=\"radio\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex RadioValue();
}
