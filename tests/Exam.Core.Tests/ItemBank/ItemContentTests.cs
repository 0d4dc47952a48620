using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class ItemContentTests
{
    [Fact]
    public void The_version_is_twelve_lower_case_hex_digits_of_the_content_hash()
    {
        var version = Samples.Mcq().Version;
        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Equal(CanonicalJson.Sha256Hex(Samples.Mcq().ToCanonicalJson())[..12], version);
    }

    [Fact]
    public void The_canonical_serialization_is_fixed_so_hashes_never_drift()
    {
        var essay = Samples.Essay() with { Body = "Tab\there, quote \" and backslash \\ and é." };
        Assert.Equal(
            "{\"id\":\"es-clin-01\",\"type\":\"essay\",\"level\":\"both\",\"designation\":\"C\",\"domains\":[\"direct-service-skills\",\"reflection\"]," +
            "\"author\":\"writer-6\",\"references\":[],\"essaySet\":\"Clinical\",\"rubric\":\"clinical-vignette\"," +
            "\"body\":\"Tab\\there, quote \\\" and backslash \\\\ and é.\"}",
            essay.ToCanonicalJson());
        Assert.Equal(CanonicalJson.VersionOf(essay.ToCanonicalJson()), essay.Version);
    }

    [Fact]
    public void Any_change_of_content_changes_the_version()
    {
        var original = Samples.Mcq();
        Assert.NotEqual(original.Version, (original with { Key = "C" }).Version);
        Assert.NotEqual(original.Version, (original with { Body = original.Body + "!" }).Version);
        Assert.NotEqual(original.Version, (original with { Options = [.. original.Options.Take(3), new("D", "Fourth option", "Changed.")] }).Version);
        Assert.NotEqual(original.Version, (original with { Author = "writer-2" }).Version);
    }

    [Fact]
    public void Status_and_reviewers_are_not_part_of_the_version()
    {
        var content = Samples.Mcq();
        var draft = new ItemDocument(content, ItemStatus.Draft, []);
        var approved = new ItemDocument(content, ItemStatus.Approved, ["chair"]);
        Assert.Equal(draft.Content.Version, approved.Content.Version);
    }

    [Fact]
    public void Canonical_json_reads_back_to_the_same_content()
    {
        foreach (var item in new[] { Samples.Mcq(), Samples.Essay() })
        {
            var back = ItemContent.FromJson(item.ToCanonicalJson());
            Assert.Equal(item.ToCanonicalJson(), back.ToCanonicalJson());
            Assert.Equal(item.Version, back.Version);
        }
    }

    [Theory]
    [InlineData("tf-001@0123456789ab", true)]
    [InlineData("tf-001@0123456789AB", false)]
    [InlineData("tf-001@0123456789a", false)]
    [InlineData("tf-001", false)]
    [InlineData("TF-001@0123456789ab", false)]
    public void A_pin_is_an_id_at_twelve_hex_digits(string text, bool valid)
    {
        Assert.Equal(valid, ItemPin.TryParse(text, out var pin));
        if (valid) Assert.Equal(text, pin.ToString());
    }

    [Fact]
    public void Text_is_normalized_the_same_way_by_every_writer()
    {
        Assert.Equal("a\nb", ItemText.Field("  a\r\nb \n"));
        Assert.Equal("line one\n\nline two", ItemText.Body("\n\nline one  \r\n\r\nline two\n\n"));
    }

    [Fact]
    public void Codes_read_and_write_the_file_spellings()
    {
        Assert.Equal("R/F", ItemBankCodes.Code(Designation.RF));
        Assert.Equal("in-review", ItemBankCodes.Code(ItemStatus.InReview));
        Assert.True(ItemBankCodes.TryParse("both", out Level level));
        Assert.Equal(Level.Both, level);
        Assert.False(ItemBankCodes.TryParse("Both", out level));
        Assert.Equal(["mcq", "essay"], ItemBankCodes.CodesOf<ItemType>());
    }
}
