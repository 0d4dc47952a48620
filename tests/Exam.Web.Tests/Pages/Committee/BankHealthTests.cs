using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>The committee reads the cue report of the bank and of each published form.</summary>
public sealed class BankHealthTests(ItemBankAppFactory factory) : IClassFixture<ItemBankAppFactory>
{
    [Fact]
    public async Task The_page_shows_the_banks_and_each_published_forms_strategies_next_to_chance_and_only_to_the_committee()
    {
        var committee = await factory.SessionAsync("committee");
        var (response, html) = await committee.GetAsync("/Committee/Health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2>The bank (latest version of each MCQ not retired)</h2>", html);
        // The shipped demo-2027, as exam itembank cues --form demo-2027 reports it.
        Assert.Contains("<h2>Published form demo-2027: ", html);
        Assert.Contains("60 MCQs. The key is the longest option in 28.3% and the shortest in 21.7%", html);
        Assert.Contains("Worst strategy: <strong>avoid-shortest 28.6%</strong>", html);
        Assert.Contains("<th scope=\"row\">testwise</th><td>25.0%</td><td>25.0%</td>", html);

        var proctor = await factory.SessionAsync("proctor");
        var (denied, _) = await proctor.GetAsync("/Committee/Health");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
