using Exam.Data.Rating;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Standards;

/// <summary>Validity papers and qualification sets, for the committee and lead raters.</summary>
public sealed class IndexModel(Standardisation standards) : PageModel
{
    public IReadOnlyList<ValidityPaper> Papers { get; private set; } = [];
    public IReadOnlyList<QualificationSet> Sets { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => (Papers, Sets) = await standards.CatalogueAsync(HttpContext.RequestAborted);
}
