using AngleSharp.Html.Parser;
using Exam.ItemBank.Rendering;

namespace Exam.ItemBank.Tests.Rendering;

public sealed class ItemMarkdownTests
{
    private readonly ItemMarkdown _markdown = new();

    /// <summary>OWASP XSS filter evasion cheat sheet style payloads, as an item writer could type them in Markdown.</summary>
    public static TheoryData<string> Payloads() => new()
    {
        "<script>alert('xss')</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<img src=x onerror=alert(1)>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<input onfocus=alert(1) autofocus>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "[click me](javascript:alert(1))",
        "[click me](JAVASCRIPT:alert(1))",
        "[click me](  javascript:alert(1)  )",
        "[click me](java\tscript:alert(1))",
        "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![image](javascript:alert(1))",
        "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[a](https://example.org \"title\" onmouseover=\"alert(1)\")",
        "Text {onclick=alert(1)}",
        "# Heading {#id onclick=alert(1)}",
        "<a href=\"https://example.org\" onmouseover=\"alert(1)\">x</a>",
        "`<script>alert(1)</script>` in code",
        "```html\n<script>alert(1)</script>\n```",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<IMG SRC=\"  &#14;  javascript:alert('XSS');\">",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "[x](&#x6A;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void No_script_event_handler_or_javascript_or_data_url_survives(string payload)
    {
        var html = _markdown.Render($"A stem.\n\n{payload}\n\nWhich of the following?");
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, input, button, meta, style, svg, math, details, body *[onload]"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} survived in {html}");
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                Assert.DoesNotContain("javascript:", value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("data:", value, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_corpus_is_large_enough() => Assert.True(Payloads().Count >= 25);

    [Fact]
    public void Ordinary_markdown_renders()
    {
        var html = _markdown.Render("A *stem* with **bold**, a [link](https://example.org) and a list:\n\n1. one\n2. two\n\n| a | b |\n|--:|---|\n| 1 | 2 |");
        Assert.Contains("<em>stem</em>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<a href=\"https://example.org\">link</a>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("text-align: right", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = _markdown.Render("Use <b>bold</b> here.");
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }
}
