using Ganss.Xss;
using Markdig;

namespace Exam.ItemBank.Rendering;

/// <summary>
/// Renders item Markdown (stems, prompts, rater notes) to safe HTML: a fixed Markdig pipeline with raw HTML turned
/// off, then HtmlSanitizer with an explicit allow-list. Scripts, event handlers, and javascript: or data: URLs never
/// survive. Rendered once, when a form is published, so candidates get stored HTML.
/// </summary>
public sealed class ItemMarkdown
{
    /// <summary>
    /// A deliberate list rather than UseAdvancedExtensions: that bundle includes generic attributes
    /// (<c>{onclick=...}</c>) and other extensions an exam item does not need.
    /// </summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseGridTables()
        .UseListExtras()
        .UseDefinitionLists()
        .UseFootnotes()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizerOptions SanitizerOptions = new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub", "sup",
            "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
            "th", "td", "col", "colgroup", "a", "img", "span", "div", "section", "abbr",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "href", "src", "alt", "title", "id", "class", "start", "colspan", "rowspan", "style",
        },
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
    };

    private readonly HtmlSanitizer _sanitizer = new(SanitizerOptions) { AllowDataAttributes = false };

    public string Render(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline)).Trim();
}
