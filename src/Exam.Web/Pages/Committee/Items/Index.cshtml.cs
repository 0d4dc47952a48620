using Exam.Core.Psychometrics;
using Exam.Web.Analysis;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Items;

public sealed class IndexModel(ItemCatalog catalog, ItemAnalyses analyses) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Designation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "set")] public string? EssaySet { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; }

    /// <summary>An item-analysis flag (see ItemFlags): items that carry it on any published form.</summary>
    [BindProperty(SupportsGet = true)] public string? Flag { get; set; }

    public ItemPage Results { get; private set; } = new([], 0);
    public IReadOnlyList<DomainSupply> Supply { get; private set; } = [];

    public bool Filtered => new[] { Q, Domain, Level, Designation, Status, EssaySet, Type, Flag }.Any(f => !string.IsNullOrWhiteSpace(f));

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(0, PageNumber);
        var flag = ItemFlags.Parse(Flag);
        if (flag is null) Flag = null; // an unknown flag filters nothing and is not echoed back
        var flagged = flag is { } f ? await analyses.FlaggedAsync(f, HttpContext.RequestAborted) : null;
        var query = new ItemQuery(Q, Domain, Level, Designation, Status, EssaySet, Type, flagged);
        Results = await catalog.SearchAsync(query, PageNumber, HttpContext.RequestAborted);
        Supply = await catalog.SupplyAsync(HttpContext.RequestAborted);
    }

    /// <summary>This search's query string for another page of results.</summary>
    public string PageLink(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("q", Q);
        Add("type", Type);
        Add("domain", Domain);
        Add("level", Level);
        Add("designation", Designation);
        Add("status", Status);
        Add("set", EssaySet);
        Add("flag", Flag);
        parts.Add($"pageNumber={page}");
        return "?" + string.Join("&", parts);
    }
}
