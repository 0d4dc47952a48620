using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The error has been logged. Your saved answers are not affected.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        (Heading, Message) = status switch
        {
            400 => ("Request not accepted", "The page had expired or the form was incomplete. Go back, reload the page and try again."),
            403 => ("Not allowed", "Your account does not give access to this page."),
            404 => ("Page not found", "There is no page at this address."),
            429 => ("Too many attempts", "Wait a minute, then try again."),
            _ => (Heading, Message),
        };
    }
}
