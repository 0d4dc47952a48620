using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>A page's script whose sign-in is gone gets 401 and a message, never the sign-in page that fetch would take for a save.</summary>
public sealed class SignedOutScriptTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_save_without_a_sign_in_is_401_with_a_message_for_the_script_and_a_redirect_for_a_page()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var session = await CandidateSession.SignInAsync(app, await ExamSeed.SeatAsync(app, form));
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        foreach (Cookie c in session.Browser.Cookies.GetAllCookies())
            if (c.Name == "exam.auth") c.Expired = true;

        using var script = new HttpRequestMessage(HttpMethod.Post, "/Candidate/Exam/PartOne/Save")
        {
            Content = JsonContent.Create(new { seq = 1, position = 1, slot = 1, flagged = false }),
        };
        script.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        script.Headers.Add("X-CSRF-TOKEN", session.Token);
        var response = await session.Browser.Client.SendAsync(script);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("signed-out", body.GetProperty("error").GetString());
        Assert.Contains("no longer signed in", body.GetProperty("message").GetString());

        var (page, _) = await session.Browser.GetAsync("/Candidate/Exam/PartOne");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
