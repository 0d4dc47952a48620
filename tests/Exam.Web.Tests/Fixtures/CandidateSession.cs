using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Perf.Protocol;

namespace Exam.Web.Tests.Fixtures;

/// <summary>A candidate at the exam, driven over HTTP the way the page's script does it (the load generator's client of the save protocol).</summary>
public sealed partial class CandidateSession(Browserless browser)
{
    private readonly ExamPageProtocol _page = new(browser.Client);

    public Browserless Browser { get; } = browser;
    public string Html { get; private set; } = "";

    /// <summary>The page's antiforgery token, for requests built by hand.</summary>
    public string Token => _page.Token;

    public static async Task<CandidateSession> SignInAsync(ExamAppFactory app, ExamSeed.Seat seat)
    {
        var browser = Browserless.For(app);
        var (response, _) = await browser.CandidateSignInAsync(seat.CandidateNumber, seat.AccessCode);
        Assert.Equal("/Candidate", response.Headers.Location?.OriginalString);
        return new CandidateSession(browser);
    }

    /// <summary>Follows the exam's redirects and returns where it landed.</summary>
    public async Task<string> OpenAsync(string path = "/Candidate/Exam")
    {
        for (var hops = 0; hops < 5; hops++)
        {
            var (response, html) = await Browser.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                path = response.Headers.Location!.OriginalString;
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Html = html;
            _page.TakeToken(html);
            await ReadPartOneAsync(html);
            return path;
        }
        throw new InvalidOperationException("too many redirects");
    }

    public async Task AcceptRulesAsync()
    {
        Assert.Equal("/Candidate/Exam/Rules", await OpenAsync());
        var (response, html) = await Browser.PostFormAsync("/Candidate/Exam/Rules", [new("Agree", "true")], ExamPageProtocol.BeginPath);
        if (response.StatusCode == HttpStatusCode.Redirect) return; // the attempt opens elsewhere (waiting, Part Two first)
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // answered with Part One itself
        Html = html;
        _page.TakeToken(html);
        await ReadPartOneAsync(html);
    }

    /// <summary>Part One as the page's script shows it: the state the page carries, and the form's content it names.</summary>
    public JsonElement PartOneState { get; private set; }

    /// <summary>The last Part One content this browser fetched (raw JSON), kept as a browser's cache keeps it.</summary>
    public string PartOneContent { get; private set; } = "";

    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    private async Task ReadPartOneAsync(string html)
    {
        var state = PartOneStateBlock().Match(html);
        if (!state.Success) return;
        PartOneState = JsonDocument.Parse(state.Groups[1].Value).RootElement.Clone();
        var url = PartOneState.GetProperty("content").GetString()!;
        if (!_cache.TryGetValue(url, out var content))
        {
            var (response, body) = await Browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            _cache[url] = content = body;
        }
        PartOneContent = content;
    }

    /// <summary>The option texts of question n in the order this candidate sees them (slot 1 first).</summary>
    public IReadOnlyList<string> OptionTexts(int position)
    {
        var options = JsonDocument.Parse(PartOneContent).RootElement.GetProperty("questions")[position - 1].GetProperty("options");
        return PartOneState.GetProperty("orders")[position - 1].GetString()!.Select(index => options[index - '0'].GetString()!).ToList();
    }

    /// <summary>The slot (1-4) at which this page shows the option with the given text, for question n.</summary>
    public int SlotOf(int position, string optionText)
    {
        var texts = OptionTexts(position);
        for (var slot = 1; slot <= texts.Count; slot++)
            if (texts[slot - 1] == optionText) return slot;
        throw new InvalidOperationException($"'{optionText}' not shown at question {position}");
    }

    public int? CheckedSlot(int position) =>
        PartOneState.GetProperty("chosen")[position - 1].GetInt32() is var slot and > 0 ? slot : null;

    public bool IsFlagged(int position) => PartOneState.GetProperty("flagged")[position - 1].GetBoolean();

    public Task<(HttpStatusCode Status, JsonElement Body)> SaveMcAsync(long seq, int position, int? slot, bool flagged = false, DateTimeOffset? madeAt = null) =>
        Read(_page.SaveMcAsync(seq, position, slot, flagged, madeAt));

    public Task<(HttpStatusCode Status, JsonElement Body)> SaveEssayAsync(long seq, long itemVersionId, bool chosen, string body) =>
        Read(_page.SaveEssayAsync(seq, itemVersionId, chosen, body));

    public Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string path, object payload) => Read(_page.PostJsonAsync(path, payload));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Read(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<HttpResponseMessage> SubmitAsync(string page)
    {
        var (response, _) = await Browser.PostFormAsync(page, [], page + "?handler=Submit");
        return response;
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"part-one-state\">([^<]*)</script>")]
    private static partial Regex PartOneStateBlock();
}
