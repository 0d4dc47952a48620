using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// Part One's questions come from one resource per form, built once and cached by the browser under a versioned URL;
/// the page carries only this candidate's option order and saved answers.
/// </summary>
public sealed class PartOneContentTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<CandidateSession> InPartOneAsync(ExamSeed.Form form)
    {
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return session;
    }

    private static string ContentUrl(CandidateSession session) => session.PartOneState.GetProperty("content").GetString()!;

    [Fact]
    public async Task Every_candidate_on_a_form_gets_the_same_content_which_the_browser_may_keep_and_revalidate()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var first = await InPartOneAsync(form);
        var second = await InPartOneAsync(form);
        Assert.Equal(ContentUrl(first), ContentUrl(second));
        Assert.Equal(first.PartOneContent, second.PartOneContent);

        using var response = await first.Browser.Client.GetAsync(ContentUrl(first));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.EndsWith("/" + etag.Tag.Trim('"'), ContentUrl(first)); // the version in the URL is the ETag
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Private);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        Assert.False(cache.NoStore);

        using var again = new HttpRequestMessage(HttpMethod.Get, ContentUrl(first));
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await first.Browser.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        // The page with the answers is never kept.
        var (page, _) = await first.Browser.GetAsync("/Candidate/Exam/PartOne");
        Assert.True(page.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task A_browser_that_accepts_brotli_or_gzip_gets_the_same_content_compressed_under_its_own_validator()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await InPartOneAsync(form);
        var url = ContentUrl(session);
        using var plain = await session.Browser.Client.GetAsync(url);
        var identity = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        foreach (var (accept, encoding) in new[] { ("gzip, deflate, br, zstd", "br"), ("br;q=0, gzip", "gzip"), ("br;q=0", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using var response = await session.Browser.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (encoding is null)
            {
                Assert.Empty(response.Content.Headers.ContentEncoding);
                Assert.Equal(identity, bytes);
                continue;
            }
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.True(bytes.Length < identity.Length / 2, $"{encoding}: {bytes.Length} bytes of {identity.Length}");
            using var decoded = new MemoryStream();
            await using (Stream stream = encoding == "br" ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
                             : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
                await stream.CopyToAsync(decoded);
            Assert.Equal(identity, decoded.ToArray());
            Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag); // a strong validator per encoding

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var revalidated = await session.Browser.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
    }

    [Fact]
    public async Task The_content_holds_each_question_in_the_items_order_and_the_page_holds_this_candidates_order()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await InPartOneAsync(form);
        var questions = JsonDocument.Parse(session.PartOneContent).RootElement.GetProperty("questions");
        Assert.Equal(form.Questions.Count, questions.GetArrayLength());
        foreach (var q in form.Questions)
        {
            var shown = session.OptionTexts(q.Position);
            var stored = questions[q.Position - 1].GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToList();
            Assert.Equal(stored.Order(), shown.Order()); // the same options, in this candidate's order
            Assert.Contains(q.KeyText, shown);
        }
        Assert.DoesNotContain(form.Marker, session.PartOneContent);
        Assert.DoesNotContain(form.Marker, session.Html);
    }

    [Fact]
    public async Task Only_a_candidate_sitting_that_form_gets_its_content()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await InPartOneAsync(form);
        var url = ContentUrl(session);

        var (stranger, _) = await Browserless.For(app).GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, stranger.StatusCode); // signed out: to the sign-in page

        var notStarted = await CandidateSession.SignInAsync(app, await ExamSeed.SeatAsync(app, form));
        var (early, _) = await notStarted.Browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode); // no attempt yet, so no form to read

        var staff = Browserless.For(app);
        await staff.StaffSignInAsync("proctor", DemoLogins.Staff("proctor").Password);
        var (proctor, _) = await staff.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, proctor.StatusCode);

        var version = url[(url.LastIndexOf('/') + 1)..];
        var (otherVersion, _) = await session.Browser.GetAsync(url[..url.LastIndexOf('/')] + "/0000" + version[4..]);
        Assert.Equal(HttpStatusCode.NotFound, otherVersion.StatusCode);
        var (otherForm, _) = await session.Browser.GetAsync($"/Candidate/Exam/PartOne/Content/another-form/{version}");
        Assert.Equal(HttpStatusCode.NotFound, otherForm.StatusCode);
    }

    [Fact]
    public async Task The_rules_page_prefetches_the_content_sealed_which_opens_only_with_the_key_Part_One_carries()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        Assert.Equal("/Candidate/Exam/Rules", await session.OpenAsync());
        var link = Regex.Match(session.Html, "<link rel=\"prefetch\" href=\"([^\"]+)\"");
        Assert.True(link.Success, "the rules page prefetches the sealed content");
        var sealedUrl = WebUtility.HtmlDecode(link.Groups[1].Value);

        // Before the exam begins: the sealed bytes are served, and say nothing.
        using var early = await session.Browser.Client.GetAsync(sealedUrl);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal("application/octet-stream", early.Content.Headers.ContentType!.MediaType);
        Assert.True(early.Headers.CacheControl!.Private);
        var sealedBytes = await early.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(sealedBytes);
        Assert.DoesNotContain("Stem number", text);
        Assert.DoesNotContain(form.Questions[0].KeyText, text);
        Assert.DoesNotContain("contentKey", session.Html);

        await session.AcceptRulesAsync();
        var state = session.PartOneState;
        Assert.Equal(sealedUrl, state.GetProperty("sealed").GetString());
        var key = Convert.FromBase64String(state.GetProperty("contentKey").GetString()!);

        // Opened as part-one.js opens it: AES-GCM (nonce first), then gzip: exactly the plain content.
        var gzip = new byte[sealedBytes.Length - 12 - 16];
        using (var aes = new AesGcm(key, 16))
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, gzip.Length), sealedBytes.AsSpan(12 + gzip.Length), gzip);
        using var plain = new MemoryStream();
        await using (var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)) await stream.CopyToAsync(plain);
        Assert.Equal(session.PartOneContent, Encoding.UTF8.GetString(plain.ToArray()));

        // One flipped bit and it does not open.
        sealedBytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() =>
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, gzip.Length), sealedBytes.AsSpan(12 + gzip.Length), gzip);
        });
    }

    [Fact]
    public async Task Only_a_candidate_registered_on_that_form_gets_its_sealed_content_and_another_form_has_another_key()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await InPartOneAsync(form);
        var sealedUrl = session.PartOneState.GetProperty("sealed").GetString()!;

        var (stranger, _) = await Browserless.For(app).GetAsync(sealedUrl);
        Assert.NotEqual(HttpStatusCode.OK, stranger.StatusCode);
        var other = await InPartOneAsync(await ExamSeed.PublishedFormAsync(app));
        var (otherForm, _) = await other.Browser.GetAsync(sealedUrl);
        Assert.Equal(HttpStatusCode.NotFound, otherForm.StatusCode);
        Assert.NotEqual(session.PartOneState.GetProperty("contentKey").GetString(), other.PartOneState.GetProperty("contentKey").GetString());

        var staff = Browserless.For(app);
        await staff.StaffSignInAsync("proctor", DemoLogins.Staff("proctor").Password);
        var (proctor, _) = await staff.GetAsync(sealedUrl);
        Assert.NotEqual(HttpStatusCode.OK, proctor.StatusCode);
    }
}
