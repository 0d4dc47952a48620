using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>Every JSON handler answers a body it cannot read with 400 or 415 and a message, never a 500.</summary>
public sealed class UnreadableBodyTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    public static TheoryData<string, string, string, int> Bodies => new()
    {
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": 1, \"position\": ", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "null", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "[1, 2, 3]", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": 1, \"position\": 1} {}", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": \"one\", \"position\": 1}", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": 1e40, \"position\": 1}", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": 1, \"position\": 1, \"madeAt\": \"yesterday\"}", "application/json", 400 },
        { "/Candidate/Exam/PartOne/Save", "seq=1&position=1", "application/x-www-form-urlencoded", 415 },
        { "/Candidate/Exam/PartOne/Save", "{\"seq\": 1, \"position\": 1}", "text/plain", 415 },
        { "/Candidate/Exam/PartOne?handler=Move", "null", "application/json", 400 },
        { "/Candidate/Exam/PartOne?handler=Move", "{\"position\": {}}", "application/json", 400 },
        { "/Candidate/Exam/PartOne?handler=Move", "", "application/json", 400 },
        { "/Candidate/Exam/PartTwo/Save", "{\"seq\": 1, \"itemVersionId\": 1, \"chosen\": \"yes\", \"body\": \"x\"}", "application/json", 400 },
        { "/Candidate/Exam/PartTwo/Save", "{\"seq\": 1, \"itemVersionId\": 1, \"chosen\": true, \"body\": null}", "application/json", 400 },
        { "/Candidate/Exam/PartTwo/Save", "[]", "application/json", 400 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_candidate_handler_refuses_an_unreadable_body_with_a_message(string path, string body, string contentType, int expected)
    {
        var session = await AtPartOneAsync();
        var (status, json) = await PostRawAsync(session.Browser, session.Token, path, body, contentType);
        Assert.Equal(expected, (int)status);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_save_whose_body_arrives_in_parts_or_with_a_byte_order_mark_is_read_whole()
    {
        var session = await AtPartOneAsync();
        var json = Encoding.UTF8.GetBytes("{\"seq\": 1, \"position\": 1, \"slot\": 3, \"flagged\": true}");
        var (status, _) = await PostAsync(session.Browser, session.Token, "/Candidate/Exam/PartOne/Save", new InParts([0xEF, 0xBB, 0xBF, .. json]));
        Assert.Equal(HttpStatusCode.OK, status);

        await session.OpenAsync();
        Assert.Equal(3, session.CheckedSlot(1));
        Assert.True(session.IsFlagged(1));
    }

    /// <summary>A body sent in three writes with pauses between them, without a length (chunked), as a slow network delivers it.</summary>
    private sealed class InParts(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var third = bytes.Length / 3;
            foreach (var part in new[] { bytes[..third], bytes[third..(2 * third)], bytes[(2 * third)..] })
            {
                await stream.WriteAsync(part);
                await stream.FlushAsync();
                await Task.Delay(50);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task Sequence_numbers_are_bounded_to_what_the_page_can_count()
    {
        var session = await AtPartOneAsync();
        const long largestSafe = (1L << 53) - 1;
        Assert.Equal(HttpStatusCode.BadRequest, (await session.SaveMcAsync(largestSafe + 1, 1, 1)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.SaveMcAsync(long.MaxValue, 1, 1)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.SaveMcAsync(0, 1, 1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(largestSafe, 1, 1)).Status);
    }

    [Theory]
    [InlineData("{\"scores\": ", "application/json", 400)]
    [InlineData("null", "application/json", 400)]
    [InlineData("[1]", "application/json", 400)]
    [InlineData("{\"scores\": {\"c1\": \"three\"}}", "application/json", 400)]
    [InlineData("{\"scores\": {}}", "text/plain", 415)]
    [InlineData("{\"scores\": {\"c1\": 2, \"c2\": null}, \"feedback\": \"So far.\"}", "application/json", 200)]
    public async Task The_raters_draft_autosave_refuses_an_unreadable_body_with_a_message(string body, string contentType, int expected)
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay to rate.");
        var rater = await RatingSteps.RaterAsync(app);
        var code = await rater.ClaimOneOfAsync(sat.Codes);
        var (page, html) = await rater.Browser.GetAsync("/Rating/Rate/" + code);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Exam.Perf.Protocol.ExamPageProtocol.FindToken(html)!;
        var (status, json) = await PostRawAsync(rater.Browser, token, $"/Rating/Rate/{code}?handler=Autosave", body, contentType);
        Assert.True(expected == (int)status, $"{(int)status}: {json}");
        if (expected != 200) Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
        else Assert.True(json.GetProperty("saved").GetBoolean());
    }

    private async Task<CandidateSession> AtPartOneAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await CandidateSession.SignInAsync(app, await ExamSeed.SeatAsync(app, form));
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return session;
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(Browserless browser, string token, string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return PostAsync(browser, token, path, content);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(Browserless browser, string token, string path, HttpContent content)
    {
        content.Headers.ContentType ??= MediaTypeHeaderValue.Parse("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await browser.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
