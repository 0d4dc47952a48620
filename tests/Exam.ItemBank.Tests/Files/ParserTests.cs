using Exam.Core.ItemBank;
using Exam.ItemBank.Files;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Files;

public sealed class ParserTests : IDisposable
{
    private readonly TempBank _bank = new();

    public void Dispose() => _bank.Dispose();

    [Fact]
    public void The_fixture_bank_reads_and_lints_clean()
    {
        var files = _bank.ReadBank();
        Assert.Empty(new ItemBankLinter().Lint(files));
        Assert.Equal(9, files.Items.Count);
        Assert.Equal(2, files.Rubrics.Count);
        Assert.Single(files.Forms);
    }

    [Fact]
    public void An_item_file_reads_back_to_the_model_it_was_written_from()
    {
        var files = _bank.ReadBank();
        foreach (var expected in TempBank.Items())
        {
            var parsed = files.Items.Single(i => i.Id == expected.Content.Id).Document!;
            Assert.Equal(expected.Content.ToCanonicalJson(), parsed.Content.ToCanonicalJson());
            Assert.Equal(expected.Status, parsed.Status);
            Assert.Equal(expected.Reviewers, parsed.Reviewers);
        }
    }

    [Fact]
    public void Rubric_and_form_files_read_back_to_their_models()
    {
        var files = _bank.ReadBank();
        foreach (var expected in TempBank.Rubrics())
            Assert.Equal(expected.ToCanonicalJson(), files.Rubrics.Single(r => r.Id == expected.Id).Rubric!.ToCanonicalJson());
        var form = files.Forms.Single().Form!;
        Assert.Equal(TempBank.Form().ToCanonicalJson(), form.ToCanonicalJson());
        Assert.Equal(FormStatus.Draft, form.Status);
    }

    [Fact]
    public void The_layout_of_a_file_does_not_change_the_version()
    {
        var canonical = _bank.ReadBank().Items.Single(i => i.Id == "tf-001").Document!.Content.Version;
        _bank.Write("items/tf-001.md", """
            ---
            # A comment, keys out of order, flow options and folded text over several lines.
            type: mcq
            id: tf-001
            domains:
              - theoretical-foundations
            level: both
            designation: A
            author: item-writer-1
            status: approved
            reviewers:
              - committee-chair
            references:
              - >-
                Fraiberg, S., Adelson, E., & Shapiro, V. (1975). Ghosts in the nursery.
                J. Am. Acad. Child Psychiatry, 14(3), 387-421.
            key: A
            options:
              - {id: A, text: Teach her a structured soothing routine, rationale: Offers a technique but bypasses the mother's experience.}
              - id: B
                text: 'Explore with her the feelings the crying brings up'
                rationale: >
                  Key. Relationship-based practice:
                  "ghosts in the nursery".
              - id: C
                text: "Refer her to a parenting class: it covers crying"
                rationale: Moves away from the relationship.
              - id: D
                text: Reassure her that crying is normal at this age
                rationale: True, but it closes the conversation.
            ---

            During a home visit (tf-001), a mother says that whenever her baby cries she "freezes".   

            Which of the following is the most appropriate response?


            """.Replace("\n", "\r\n"));
        var files = _bank.ReadBank();
        Assert.Empty(files.Problems);
        Assert.Equal(canonical, files.Items.Single(i => i.Id == "tf-001").Document!.Content.Version);
    }

    [Fact]
    public void Parse_then_write_reproduces_a_canonical_file_byte_for_byte()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestData", "canonical");
        var files = ItemBankReader.Read(dir);
        Assert.Empty(new ItemBankLinter().Lint(files));
        Assert.NotEmpty(files.Items);
        Assert.NotEmpty(files.Rubrics);
        Assert.NotEmpty(files.Forms);
        foreach (var item in files.Items) Assert.Equal(File.ReadAllText(item.Path), ItemBankWriter.WriteItem(item.Document!));
        foreach (var rubric in files.Rubrics) Assert.Equal(File.ReadAllText(rubric.Path), ItemBankWriter.WriteRubric(rubric.Document!));
        foreach (var form in files.Forms) Assert.Equal(File.ReadAllText(form.Path), ItemBankWriter.WriteForm(form.Form!));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("Theory applied: development, attachment")]
    [InlineData("a # not a comment")]
    [InlineData("- starts like a list")]
    [InlineData("'single' and \"double\" quotes")]
    [InlineData("back\\slash")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("2026")]
    [InlineData("ends with a colon:")]
    [InlineData("[looks like a list]")]
    [InlineData("{looks: like a map}")]
    [InlineData("@at and `tick`")]
    [InlineData("tab\there")]
    [InlineData("unicode: é, ü, 日本, emoji 🎉")]
    [InlineData("line one\nline two")]
    [InlineData("paragraph one\n\nparagraph two\n  indented")]
    [InlineData("bell\u0007 and nel\u0085")]
    [InlineData("% percent first")]
    [InlineData("| pipe first")]
    [InlineData("> greater first")]
    [InlineData("* star first")]
    [InlineData("& amp first")]
    [InlineData("! bang first")]
    [InlineData("~")]
    public void Any_text_survives_the_writer_and_the_parser(string text)
    {
        var field = ItemText.Field(text);
        var oneLine = ItemText.Field(text.Replace("\n", " ", StringComparison.Ordinal));
        var doc = new ItemDocument(TempBank.Mcq("tf-009", "theoretical-foundations") with
        {
            Author = oneLine,
            References = [field],
            Options = [new("A", field, field), new("B", "b", "rb"), new("C", "c", "rc"), new("D", "d", "rd")],
        }, ItemStatus.InReview, [oneLine]);
        var written = ItemBankWriter.WriteItem(doc);
        var problems = new List<LintProblem>();
        var parsed = ItemFileParser.Parse("items/tf-009.md", written, problems);
        Assert.Empty(problems);
        Assert.Equal(doc.Content.ToCanonicalJson(), parsed.Document!.Content.ToCanonicalJson());
        Assert.Equal(doc.Reviewers, parsed.Document.Reviewers);
        Assert.Equal(written, ItemBankWriter.WriteItem(parsed.Document));
    }

    [Fact]
    public void Body_lines_are_counted_from_the_top_of_the_file()
    {
        _bank.Edit("items/tf-001.md", "key: A", "key: E");
        var problem = Assert.Single(_bank.Lint());
        Assert.Equal(_bank.LineOf("items/tf-001.md", "key: E"), problem.Line);
    }

    [Fact]
    public void The_adjudicator_setting_reads_writes_and_leaves_older_forms_their_canonical_text()
    {
        var off = _bank.ReadBank().Forms.Single().Form!;
        Assert.False(off.PartTwo.AdjudicatorSeesReads);
        Assert.DoesNotContain("adjudicatorSeesReads", off.ToCanonicalJson());
        Assert.DoesNotContain("adjudicatorSeesReads", ItemBankWriter.WriteForm(off));

        _bank.Edit("forms/form-test.yaml", "  combine: sum-percent", "  combine: sum-percent\n  adjudicatorSeesReads: true");
        var on = _bank.ReadBank().Forms.Single().Form!;
        Assert.True(on.PartTwo.AdjudicatorSeesReads);
        Assert.NotEqual(off.ToCanonicalJson(), on.ToCanonicalJson());
        Assert.True(FormDefinition.FromJson(on.ToCanonicalJson(), FormStatus.Draft).PartTwo.AdjudicatorSeesReads);
        Assert.Contains("  adjudicatorSeesReads: true\n", ItemBankWriter.WriteForm(on));

        _bank.Edit("forms/form-test.yaml", "adjudicatorSeesReads: true", "adjudicatorSeesReads: maybe");
        Assert.Contains(_bank.Lint(), p => p.Message.Contains("adjudicatorSeesReads must be true or false", StringComparison.Ordinal));
    }
}
