using System.Net;
using AngleSharp.Html.Parser;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

public sealed class ItemEditTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private static Task<(HttpResponseMessage Response, string Body)> PostEditAsync(
        Browserless browser, StoredItemVersion version, Action<Dictionary<string, string>>? change = null, string handler = "") =>
        browser.PostFormAsync($"/Committee/Items/Edit/{version.ItemId}", CommitteeBank.EditFields(version, change),
            $"/Committee/Items/Edit/{version.ItemId}{(handler.Length > 0 ? "?handler=" + handler : "")}");

    [Fact]
    public async Task The_edit_page_shows_the_latest_version_in_labelled_fields()
    {
        var item = await factory.McqAsync(domain: "thinking");
        var (response, html) = await (await factory.SessionAsync("committee")).GetAsync($"/Committee/Items/Edit/{item.ItemId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var label in new[] { "for=\"Body\">Stem", "for=\"Option-A-Text\">Option A text", "for=\"Option-D-Rationale\">Option D rationale",
                     "for=\"PrimaryDomain\">Primary domain", "for=\"Level\">Level", "for=\"Designation\">Designation", "for=\"References\">References" })
            Assert.Contains(label, html);
        Assert.Contains("<legend>Key (the correct option)</legend>", html);
        Assert.Contains("id=\"Key-B\" name=\"Input.Key\" value=\"B\" checked=\"checked\"", html);
        Assert.Contains("<option value=\"thinking\" selected=\"selected\">Thinking</option>", html);
        Assert.Contains($"value=\"{item.ContentHash}\"", html);
    }

    [Fact]
    public async Task Editing_makes_a_new_draft_version_by_the_editor_and_a_published_form_still_pins_the_old_one()
    {
        var v1 = await factory.McqAsync();
        var formId = await factory.PublishedFormPinningAsync(v1);
        var committee = await factory.SessionAsync("committee");

        var (response, _) = await PostEditAsync(committee, v1, f =>
        {
            f["Input.Body"] = "A clearer stem: what does the specialist do first?";
            f["Input.Options[2].Rationale"] = "A better rationale for C.";
        });
        var page = await committee.FollowAsync(response);
        Assert.Contains("Saved as version 2, a draft.", page);
        Assert.Contains("id=\"approved-version\">version 1 (approved)</dd>", page);

        var versions = await factory.VersionsAsync(v1.ItemId);
        Assert.Equal(2, versions.Count);
        var v2 = versions[1];
        Assert.Equal(ItemStatus.Draft, v2.ItemStatus);
        Assert.Equal("committee", v2.Author);
        Assert.Equal("A clearer stem: what does the specialist do first?", v2.Content.Body);
        Assert.Equal("A better rationale for C.", v2.Content.Options[2].Rationale);
        Assert.Equal(v1.Content.Options[0], v2.Content.Options[0]);
        // Version 1 is untouched, and the published form still pins it.
        Assert.Equal(ItemStatus.Approved, versions[0].ItemStatus);
        Assert.Equal(v1.ContentJson, versions[0].ContentJson);
        var form = await factory.FormAsync(formId);
        Assert.Equal([v1.Pin], form.Definition.PartOne.Items);
        await using (var s = await factory.Db.OpenAsync())
        {
            var (pinned, _) = await factory.Services.GetRequiredService<ItemBankStore>().FormPinsAsync(s, formId);
            Assert.Equal(v1.Id, Assert.Single(pinned).ItemVersionId);
        }
        var created = Assert.Single(await factory.ActionsAsync(ItemBankAuditActions.ItemVersionCreated), e => e.SubjectId == v1.ItemId);
        Assert.Equal("committee", created.Actor);
        Assert.Contains("\"versionNo\":2", created.AfterJson);
        Assert.Contains("\"versionNo\":1", created.BeforeJson);
    }

    [Fact]
    public async Task Saving_unchanged_content_creates_nothing()
    {
        var v1 = await factory.McqAsync();
        var committee = await factory.SessionAsync("committee");
        // Line ends and trailing spaces a browser may add are not a change.
        var (response, html) = await PostEditAsync(committee, v1, f => f["Input.Body"] = f["Input.Body"].Replace("\n", "\r\n") + "  \r\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No changes to save", html);
        Assert.Single(await factory.VersionsAsync(v1.ItemId));
        Assert.DoesNotContain(await factory.ActionsAsync(ItemBankAuditActions.ItemVersionCreated), e => e.SubjectId == v1.ItemId);
    }

    [Fact]
    public async Task A_save_on_top_of_a_newer_version_is_refused()
    {
        var v1 = await factory.McqAsync();
        var committee = await factory.SessionAsync("committee");
        var (first, _) = await PostEditAsync(committee, v1, f => f["Input.Body"] = "First edit.");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var (second, html) = await PostEditAsync(await factory.SessionAsync("committee2"), v1, f => f["Input.Body"] = "Second edit from the old page.");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Version 2 (by committee) was saved while you were editing", html);
        Assert.Equal(2, (await factory.VersionsAsync(v1.ItemId)).Count);
    }

    [Theory]
    [InlineData("Input.Body", "   ", "Enter the stem: it is empty.")]
    [InlineData("Input.Key", "E", "The key &#x27;E&#x27; is not among the options A, B, C, D.")]
    [InlineData("Input.Key", "", "Choose the key: the option that is correct.")]
    [InlineData("Input.PrimaryDomain", "infant-yoga", "Unknown domain &#x27;infant-yoga&#x27;; expected one of: theoretical-foundations")]
    [InlineData("Input.Options[1].Text", "", "Option B has no text.")]
    [InlineData("Input.Options[3].Rationale", " ", "Option D has no rationale.")]
    [InlineData("Input.Level", "V", "Choose a level: III | IV | both.")]
    [InlineData("Input.Designation", "X", "Choose a designation: A | C | P | R/F.")]
    public async Task Invalid_input_is_refused_with_a_clear_message_and_nothing_is_saved(string field, string value, string message)
    {
        var v1 = await factory.McqAsync();
        var (response, html) = await PostEditAsync(await factory.SessionAsync("committee"), v1, f => f[field] = value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains(message, html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Single(await factory.VersionsAsync(v1.ItemId));
    }

    [Fact]
    public async Task An_unknown_secondary_domain_is_refused_too()
    {
        var v1 = await factory.McqAsync();
        var fields = CommitteeBank.EditFields(v1, f => f["Input.Body"] = "Changed.");
        fields.Add(new("Input.OtherDomains", "astrology"));
        var committee = await factory.SessionAsync("committee");
        var (_, html) = await committee.PostFormAsync($"/Committee/Items/Edit/{v1.ItemId}", fields);
        Assert.Contains("Unknown domain &#x27;astrology&#x27;", html);
        Assert.Single(await factory.VersionsAsync(v1.ItemId));
    }

    [Fact]
    public async Task Secondary_domains_keep_their_order_and_the_primary_domain_comes_first()
    {
        var v1 = await factory.AddAsync(CommitteeBank.Mcq("o" + CommitteeBank.Tag(), "thinking") with { Domains = ["thinking", "reflection", "communicating"] });
        var committee = await factory.SessionAsync("committee");
        var (unchanged, html) = await PostEditAsync(committee, v1);
        Assert.Contains("No changes to save", html);

        var fields = CommitteeBank.EditFields(v1, f => f["Input.PrimaryDomain"] = "reflection");
        fields.Add(new("Input.OtherDomains", "theoretical-foundations"));
        fields.Add(new("Input.OtherDomains", "thinking"));
        var (saved, _) = await committee.PostFormAsync($"/Committee/Items/Edit/{v1.ItemId}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["reflection", "thinking", "communicating", "theoretical-foundations"], (await factory.LatestAsync(v1.ItemId))!.Content.Domains);
    }

    /// <summary>Payloads an item writer could type into item Markdown (the full corpus is in the ItemMarkdown tests).</summary>
    public static TheoryData<string> Payloads() => new()
    {
        "<script>alert('xss')</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<svg/onload=alert('XSS')>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click me](javascript:alert(1))",
        "[click me](JaVaScRiPt:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<BODY ONLOAD=alert('XSS')>",
        "<details open ontoggle=alert(1)>",
        "Text {onclick=alert(1)}",
        "<a href=\"https://example.org\" onmouseover=\"alert(1)\">x</a>",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
        "[ref]\n\n[ref]: javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task The_preview_never_lets_a_script_an_event_handler_or_a_javascript_or_data_url_reach_the_page(string payload)
    {
        var v1 = await factory.McqAsync();
        var (response, html) = await PostEditAsync(await factory.SessionAsync("committee"), v1, f =>
        {
            f["Input.Body"] = $"A stem.\n\n{payload}\n\nWhich of the following?";
            f["Input.Options[0].Text"] = payload;
        }, "Preview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview: as the candidate sees it", html);
        // The page answers at ?handler=Preview; saving from it must still save.
        Assert.Contains($"<form method=\"post\" class=\"form item-form\" action=\"/Committee/Items/Edit/{v1.ItemId}\">", html);
        AssertSafe(html);
        Assert.Single(await factory.VersionsAsync(v1.ItemId));
    }

    [Fact]
    public async Task Saved_markdown_is_sanitized_on_the_item_page_too()
    {
        var v1 = await factory.McqAsync();
        var committee = await factory.SessionAsync("committee");
        var (response, _) = await PostEditAsync(committee, v1, f => f["Input.Body"] =
            "Stem with **bold**.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[link](javascript:alert(1))");
        var page = await committee.FollowAsync(response);
        Assert.Contains("<strong>bold</strong>", page);
        AssertSafe(page);
    }

    /// <summary>No script but our own files, no on* attribute, no javascript: or data: URL anywhere in the page.</summary>
    internal static void AssertSafe(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var script in document.QuerySelectorAll("script"))
        {
            Assert.StartsWith("/", script.GetAttribute("src") ?? "", StringComparison.Ordinal);
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), "an inline script reached the page");
        }
        Assert.Empty(document.QuerySelectorAll("iframe, object, embed, svg, math, base, meta[http-equiv], details"));
        foreach (var element in document.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName} {attribute.Name}> reached the page");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "data" or "srcdoc" or "style" or "xlink:href")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    Assert.DoesNotContain("javascript:", value, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("data:", value, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public async Task The_corpus_has_at_least_ten_payloads() => Assert.True(Payloads().Count >= 10);

    [Fact]
    public async Task A_committee_member_writes_a_new_essay_as_a_draft_of_their_own()
    {
        await factory.ImportItemBankAsync();
        var id = "es-new-" + CommitteeBank.Tag();
        var committee = await factory.SessionAsync("committee");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Type", "essay"), new("Id", id), new("Input.Body", "A new clinical vignette.\n\n1. What do you observe?"),
            new("Input.EssaySet", "Clinical"), new("Input.Rubric", "supervisory-vignette"), new("Input.PrimaryDomain", "direct-service-skills"),
            new("Input.Level", "III"), new("Input.Designation", "A"), new("Input.References", ""),
        };
        var (refused, html) = await committee.PostFormAsync("/Committee/Items/Create?type=essay", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Rubric &#x27;supervisory-vignette&#x27; is for Supervisory essays; this essay is Clinical.", html);

        fields[4] = new("Input.Rubric", "clinical-vignette");
        var (created, _) = await committee.PostFormAsync("/Committee/Items/Create?type=essay", fields);
        var page = await committee.FollowAsync(created);
        Assert.Contains($"Item {id} created as version 1, a draft.", page);
        var v = (await factory.LatestAsync(id))!;
        Assert.Equal((ItemType.Essay, ItemStatus.Draft, "committee", EssaySet.Clinical), (v.Content.Type, v.ItemStatus, v.Author, v.Content.EssaySet!.Value));

        var (duplicate, again) = await committee.PostFormAsync("/Committee/Items/Create?type=essay", fields);
        Assert.Contains($"There is already an item &#x27;{id}&#x27;", again);
    }
}
