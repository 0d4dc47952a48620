using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Perf.Protocol;

namespace Exam.Perf.Bench;

/// <summary>How one request went: the status (0 when no response came), and how long it took.</summary>
public readonly record struct Outcome(HttpStatusCode Status, TimeSpan Elapsed, string? Failure = null)
{
    public bool Ok => Status == HttpStatusCode.OK;
}

/// <summary>
/// One candidate's browser, over plain HTTP: keeps its cookies, signs in through the form with the antiforgery
/// token, accepts the rules, and saves answers as the exam page's script does (JSON with X-CSRF-TOKEN, one
/// change at a time, each with the next sequence number, through the shared <see cref="ExamPageProtocol"/>). It remembers every save the server acknowledged.
/// </summary>
public sealed partial class CandidateClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ExamPageProtocol _page;
    private long _seq;

    /// <param name="serverCertificate">Decides whether an HTTPS server's certificate is trusted (a test's self-signed one); the system's rules otherwise.</param>
    public CandidateClient(Seat seat, Uri baseUrl, TimeSpan requestTimeout, RemoteCertificateValidationCallback? serverCertificate = null)
    {
        Seat = seat;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (serverCertificate is not null) handler.SslOptions.RemoteCertificateValidationCallback = serverCertificate;
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = requestTimeout };
        _page = new ExamPageProtocol(_http);
    }

    public Seat Seat { get; }

    /// <summary>This browser's cookies (a hub connection of the same browser sends them too).</summary>
    public CookieContainer Cookies { get; } = new();
    public ConcurrentDictionary<int, AckedMc> AckedMc { get; } = new();
    public ConcurrentDictionary<long, AckedEssay> AckedEssays { get; } = new();

    /// <summary>The essays Part Two offered this candidate (item version ids), once it has been opened.</summary>
    public IReadOnlyList<long> Essays { get; private set; } = [];

    /// <summary>Which slot each Part One question showed as checked when the page was last loaded.</summary>
    public IReadOnlyDictionary<int, int?> CheckedSlots { get; private set; } = new Dictionary<int, int?>();

    public int QuestionCount => CheckedSlots.Count;

    public long NextSeq() => Interlocked.Increment(ref _seq);

    /// <summary>The candidate sign-in form: GET for the token, POST number and code; success is a redirect to /Candidate.</summary>
    public async Task<Outcome> SignInAsync(CancellationToken ct = default)
    {
        var form = await OpenSignInAsync(ct);
        return form.Ok ? await SubmitSignInAsync(ct) : form;
    }

    /// <summary>The sign-in page on screen, as it is on the computer before the candidate types: its token kept.</summary>
    public async Task<Outcome> OpenSignInAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () => (await GetPageAsync("/Account/CandidateSignIn", ct)).Status);
    }

    /// <summary>The click on "Sign in" (the form already on screen) until the candidate's home page is shown.</summary>
    public async Task<Outcome> SubmitSignInAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            using var response = await PostFormAsync("/Account/CandidateSignIn", [new("CandidateNumber", Seat.CandidateNumber), new("AccessCode", Seat.AccessCode)], ct);
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/Candidate"
                ? (await FollowAsync("/Candidate", ct)).Status : Unexpected(response.StatusCode, "sign-in refused");
        });
    }

    /// <summary>The rules page read, then "Begin the exam" clicked until Part One is shown.</summary>
    public async Task<Outcome> StartAsync(CancellationToken ct = default)
    {
        var rules = await OpenRulesAsync(ct);
        return rules.Ok ? await BeginAsync(ct) : rules;
    }

    /// <summary>
    /// The rules page on screen (candidates read it before the room begins together): its token kept, and what it
    /// prefetches (Part One's sealed content) fetched as the browser does while the rules are read.
    /// </summary>
    public async Task<Outcome> OpenRulesAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            var (status, html) = await GetPageAsync("/Candidate/Exam/Rules", ct);
            if (status != HttpStatusCode.OK) return status;
            return Prefetch().Match(html) is { Success: true } link ? await FetchContentAsync(WebUtility.HtmlDecode(link.Groups[1].Value), ct) : HttpStatusCode.OK;
        });
    }

    /// <summary>The click on "Begin the exam" (rules on screen) until the first question is shown, the form's content fetched.</summary>
    public async Task<Outcome> BeginAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            // Answered with Part One itself (the demo sitting needs no admission and starts with Part One).
            using var response = await PostFormAsync(ExamPageProtocol.BeginPath, [new("Agree", "true")], ct);
            if (response.StatusCode != HttpStatusCode.OK) return Unexpected(response.StatusCode, $"HTTP {(int)response.StatusCode} to Begin");
            return await ReadPartOneAsync(await response.Content.ReadAsStringAsync(ct), ct);
        });
    }

    /// <summary>Loads Part One as a reload would: the token and which radio is checked at each question.</summary>
    public async Task<Outcome> OpenPartOneAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, () => OpenPartOneCoreAsync(ct));
    }

    private async Task<HttpStatusCode> OpenPartOneCoreAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("/Candidate/Exam/PartOne", ct);
        if (response.StatusCode != HttpStatusCode.OK) return Unexpected(response.StatusCode);
        return await ReadPartOneAsync(await response.Content.ReadAsStringAsync(ct), ct);
    }

    /// <summary>GETs the path and follows redirects as a browser would, to the page it lands on.</summary>
    private async Task<(HttpStatusCode Status, string Path, string Html)> FollowAsync(string path, CancellationToken ct)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            using var response = await _http.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next)
            {
                path = next.OriginalString;
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK) return (Unexpected(response.StatusCode), path, "");
            var html = await response.Content.ReadAsStringAsync(ct);
            TakeToken(html);
            return (HttpStatusCode.OK, path, html);
        }
        return (Unexpected(HttpStatusCode.Redirect, "too many redirects"), path, "");
    }

    /// <summary>
    /// Reads the page's Part One state (which slot is checked at each question) and the form's content as a browser
    /// does: from its cache when the rules page prefetched it, else fetched once.
    /// </summary>
    private async Task<HttpStatusCode> ReadPartOneAsync(string html, CancellationToken ct)
    {
        TakeToken(html);
        const string Open = "<script type=\"application/json\" id=\"part-one-state\">";
        var at = html.IndexOf(Open, StringComparison.Ordinal);
        if (at < 0) return Unexpected(HttpStatusCode.OK, "no Part One state on the page");
        at += Open.Length;
        using var state = JsonDocument.Parse(html.AsMemory(at, html.IndexOf("</script>", at, StringComparison.Ordinal) - at));
        // The page opens the sealed content with the key it carries (on the browser's own machine, not timed here).
        var url = state.RootElement.GetProperty("sealed").GetString()!;
        if (string.IsNullOrEmpty(state.RootElement.GetProperty("contentKey").GetString())) return Unexpected(HttpStatusCode.OK, "no content key on Part One");
        if (!string.Equals(url, _contentUrl, StringComparison.Ordinal) && await FetchContentAsync(url, ct) is var fetched and not HttpStatusCode.OK)
            return fetched;
        var slots = new Dictionary<int, int?>();
        var position = 0;
        foreach (var chosen in state.RootElement.GetProperty("chosen").EnumerateArray())
            slots[++position] = chosen.GetInt32() is var slot and > 0 ? slot : null;
        CheckedSlots = slots;
        return slots.Count > 0 ? HttpStatusCode.OK : Unexpected(HttpStatusCode.OK, "no questions on Part One");
    }

    private string? _contentUrl;

    /// <summary>Fetches Part One's content once, as a browser fills its cache; it is immutable under its versioned URL.</summary>
    private async Task<HttpStatusCode> FetchContentAsync(string url, CancellationToken ct)
    {
        using var response = await GetContentAsync(url, ct);
        if (response.StatusCode != HttpStatusCode.OK) return Unexpected(response.StatusCode, "Part One content not served");
        await response.Content.ReadAsByteArrayAsync(ct);
        _contentUrl = url;
        return HttpStatusCode.OK;
    }

    /// <summary>Part One's content as a browser asks for it; the bytes are kept as sent (a browser decodes them on its own machine).</summary>
    private async Task<HttpResponseMessage> GetContentAsync(string url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    /// <summary>Part One's content fetched again (as a browser without it in its cache would).</summary>
    public async Task<Outcome> RefetchContentAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            using var response = await GetContentAsync(_contentUrl!, ct);
            return response.StatusCode;
        });
    }

    /// <summary>The versioned URL of the Part One content this client last fetched (null before Part One).</summary>
    public string? ContentUrl => _contentUrl;

    /// <summary>One Part One change; on a 200 it is recorded as acknowledged.</summary>
    public async Task<Outcome> SaveMcAsync(long seq, int position, int? slot, bool flagged, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var outcome = await Guard(sw, () => StatusOf(_page.SaveMcAsync(seq, position, slot, flagged, ct: ct), ct));
        if (outcome.Ok)
            AckedMc.AddOrUpdate(position, new AckedMc(seq, slot, flagged), (_, old) => old.Seq > seq ? old : new AckedMc(seq, slot, flagged));
        return outcome;
    }

    /// <summary>One essay change; on a 200 it is recorded as acknowledged.</summary>
    public async Task<Outcome> SaveEssayAsync(long seq, long itemVersionId, bool chosen, string body, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var outcome = await Guard(sw, () => StatusOf(_page.SaveEssayAsync(seq, itemVersionId, chosen, body, ct), ct));
        if (outcome.Ok)
            AckedEssays.AddOrUpdate(itemVersionId, new AckedEssay(seq, chosen, body), (_, old) => old.Seq > seq ? old : new AckedEssay(seq, chosen, body));
        return outcome;
    }

    /// <summary>Submits Part One, starts Part Two from the page between the parts, and opens Part Two.</summary>
    public async Task<Outcome> MoveToPartTwoAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            string location;
            using (var submit = await PostFormAsync("/Candidate/Exam/PartOne?handler=Submit", [], ct))
            {
                if (submit.StatusCode != HttpStatusCode.Redirect) return Unexpected(submit.StatusCode);
                location = submit.Headers.Location!.OriginalString;
            }
            var between = await FollowAsync(location, ct);
            if (between.Status != HttpStatusCode.OK) return between.Status;
            if (between.Path != "/Candidate/Exam/Between") return Unexpected(between.Status, $"landed on {between.Path}");
            using (var next = await PostFormAsync("/Candidate/Exam/Between", [], ct))
            {
                if (next.StatusCode != HttpStatusCode.Redirect) return Unexpected(next.StatusCode);
                location = next.Headers.Location!.OriginalString;
            }
            var (status, path, html) = await FollowAsync(location, ct);
            if (status != HttpStatusCode.OK) return status;
            if (path != "/Candidate/Exam/PartTwo") return Unexpected(status, $"landed on {path}");
            Essays = Essay().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return Essays.Count > 0 ? HttpStatusCode.OK : Unexpected(status, "no essays on Part Two");
        });
    }

    /// <summary>Submits Part Two; the exam then shows the receipt.</summary>
    public async Task<Outcome> SubmitPartTwoAsync(CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            string location;
            using (var submit = await PostFormAsync("/Candidate/Exam/PartTwo?handler=Submit", [], ct))
            {
                if (submit.StatusCode != HttpStatusCode.Redirect) return Unexpected(submit.StatusCode);
                location = submit.Headers.Location!.OriginalString;
            }
            var (status, path, _) = await FollowAsync(location, ct);
            return status != HttpStatusCode.OK ? status : path == "/Candidate/Exam/Receipt" ? status : Unexpected(status, $"landed on {path}");
        });
    }

    /// <summary>A plain GET (the baseline endpoint), on this client's connection.</summary>
    public async Task<Outcome> GetAsync(string path, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        return await Guard(sw, async () =>
        {
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            return response.StatusCode;
        });
    }

    /// <summary>How many bytes the server sends for a GET of the path (as sent, before any decoding; the content as a browser asks).</summary>
    public async Task<long> SizeAsync(string path, CancellationToken ct = default)
    {
        using var response = path == _contentUrl ? await GetContentAsync(path, ct) : await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        return (await response.Content.ReadAsByteArrayAsync(ct)).LongLength;
    }

    /// <summary>A page read as the browser shows it: its token kept.</summary>
    private async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        if (response.StatusCode != HttpStatusCode.OK) return (Unexpected(response.StatusCode), "");
        var html = await response.Content.ReadAsStringAsync(ct);
        TakeToken(html);
        return (HttpStatusCode.OK, html);
    }

    private Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct) =>
        _page.PostFormAsync(path, fields, ct);

    private static async Task<HttpStatusCode> StatusOf(Task<HttpResponseMessage> sending, CancellationToken ct)
    {
        using var response = await sending;
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode;
    }

    private void TakeToken(string html) => _page.TakeToken(html);

    private string? _failure;

    private HttpStatusCode Unexpected(HttpStatusCode status, string? why = null)
    {
        _failure = why ?? $"HTTP {(int)status}";
        return status == HttpStatusCode.OK ? (HttpStatusCode)599 : status;
    }

    private async Task<Outcome> Guard(Stopwatch sw, Func<Task<HttpStatusCode>> action)
    {
        _failure = null;
        try
        {
            var status = await action();
            return new Outcome(status, sw.Elapsed, status == HttpStatusCode.OK ? null : _failure ?? $"HTTP {(int)status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Outcome(0, sw.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<link rel=\"prefetch\" href=\"([^\"]+)\"")]
    private static partial Regex Prefetch();

    [GeneratedRegex("<section class=\"essay\" data-essay=\"(\\d+)\"")]
    private static partial Regex Essay();
}
