using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>A form posted to a page that takes no such form is sent to the page, on every page, never a 500.</summary>
public sealed class UnknownFormTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Theory]
    [InlineData("proctor", "/Proctor")]
    [InlineData("proctor", "/Proctor?handler=Nonsense")]
    [InlineData("committee", "/Committee/Items?handler=Nonsense")]
    public async Task Staff_pages_send_an_unknown_form_to_the_page(string user, string path)
    {
        var staff = Browserless.For(app);
        await staff.StaffSignInAsync(user, DemoLogins.Staff(user).Password);
        var (response, _) = await staff.PostFormAsync(path.Split('?')[0], [], path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path.Split('?')[0], response.Headers.Location!.OriginalString);
    }
}
