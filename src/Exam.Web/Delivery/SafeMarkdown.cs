using Ganss.Xss;
using Markdig;

namespace Exam.Web.Delivery;

/// <summary>Item Markdown to HTML with a fixed pipeline, then sanitized: no script, event handler or javascript: link survives.</summary>
public sealed class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras().UsePipeTables().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
