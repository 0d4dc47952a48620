using Exam.ItemBank.Files;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Files;

/// <summary>One bad input each, and exactly one problem for it, on the right line.</summary>
public sealed class LintTests : IDisposable
{
    private readonly TempBank _bank = new();

    public void Dispose() => _bank.Dispose();

    private LintProblem OnlyProblem(string file, int requiredReviewers = 1)
    {
        var problems = _bank.Lint(requiredReviewers: requiredReviewers);
        var problem = Assert.Single(problems);
        Assert.Equal(_bank.PathOf(file), problem.File);
        return problem;
    }

    [Fact]
    public void A_problem_prints_as_file_colon_line_colon_message() =>
        Assert.Equal("itembank/items/tf-001.md:3: unknown type 'mcqq'", new LintProblem("itembank/items/tf-001.md", 3, "unknown type 'mcqq'").ToString());

    [Fact]
    public void Malformed_YAML_is_reported_with_its_line()
    {
        _bank.Edit("items/tf-003.md", "domains: [theoretical-foundations]", "domains: [theoretical-foundations");
        var p = OnlyProblem("items/tf-003.md");
        Assert.StartsWith("malformed YAML", p.Message);
        Assert.InRange(p.Line, _bank.LineOf("items/tf-003.md", "domains:"), _bank.LineOf("items/tf-003.md", "status:"));
    }

    [Fact]
    public void A_key_given_twice_is_malformed_YAML_on_the_second_line()
    {
        _bank.Edit("items/tf-003.md", "key: C", "key: C\nkey: D");
        var p = OnlyProblem("items/tf-003.md");
        Assert.StartsWith("malformed YAML", p.Message);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "key: D"), p.Line);
    }

    [Fact]
    public void A_file_without_front_matter_is_reported()
    {
        _bank.Write("items/tf-003.md", "id: tf-003\n");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal(1, p.Line);
        Assert.Contains("must start with a '---' line", p.Message);
    }

    [Fact]
    public void Two_identical_options_are_a_problem_on_the_second_ones_line()
    {
        _bank.Edit("items/tf-003.md", "Reassure her that crying is normal at this age", "Teach her a structured soothing routine.");
        var p = OnlyProblem("items/tf-003.md");
        Assert.False(p.Warning);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "Teach her a structured soothing routine.") - 1, p.Line); // option D's text: key; the text follows
        Assert.Equal("options A and D are identical or nearly so; rewrite one so each option says something different", p.Message);
    }

    [Fact]
    public void An_unknown_domain_is_reported_on_its_line()
    {
        _bank.Edit("items/tf-003.md", "domains: [theoretical-foundations]", "domains: [theoretical-foundation]");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal(_bank.LineOf("items/tf-003.md", "domains:"), p.Line);
        Assert.StartsWith("unknown domain 'theoretical-foundation'", p.Message);
    }

    [Fact]
    public void An_unknown_designation_is_reported()
    {
        _bank.Edit("items/tf-003.md", "designation: A", "designation: X");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal(_bank.LineOf("items/tf-003.md", "designation:"), p.Line);
        Assert.Equal("unknown designation 'X'; expected A | C | P | R/F", p.Message);
    }

    [Fact]
    public void An_unknown_key_is_reported()
    {
        _bank.Edit("items/tf-003.md", "level: both", "level: both\nessayset: Clinical");
        var p = OnlyProblem("items/tf-003.md");
        Assert.StartsWith("unknown key 'essayset'", p.Message);
    }

    [Fact]
    public void A_duplicate_id_across_files_is_reported_once()
    {
        _bank.Write("items/tf-001-copy.md", _bank.Read("items/tf-001.md"));
        var p = OnlyProblem("items/tf-001-copy.md");
        Assert.Equal(2, p.Line);
        Assert.Equal($"duplicate id 'tf-001': {_bank.PathOf("items/tf-001.md")} has it too", p.Message);
    }

    [Fact]
    public void An_id_that_differs_from_the_file_name_is_reported()
    {
        _bank.Write("items/tf-099.md", _bank.Read("items/tf-003.md"));
        _bank.Delete("items/tf-003.md");
        var p = OnlyProblem("items/tf-099.md");
        Assert.Equal("id 'tf-003' does not match the file name 'tf-099.md'", p.Message);
    }

    [Fact]
    public void A_missing_key_is_reported()
    {
        _bank.Edit("items/tf-003.md", "key: C\n", "");
        Assert.StartsWith("key is missing", OnlyProblem("items/tf-003.md").Message);
    }

    [Fact]
    public void A_key_that_is_not_among_the_options_is_reported()
    {
        _bank.Edit("items/tf-003.md", "key: C", "key: E");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal("key 'E' is not among the options A, B, C, D", p.Message);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "key: E"), p.Line);
    }

    [Fact]
    public void Fewer_than_four_options_are_reported()
    {
        var text = _bank.Read("items/tf-003.md");
        var d = text.IndexOf("  - id: D", StringComparison.Ordinal);
        _bank.Write("items/tf-003.md", text[..d] + text[text.IndexOf("---\nDuring", StringComparison.Ordinal)..]);
        Assert.Equal("an MCQ has exactly 4 options (A, B, C, D); found 3", OnlyProblem("items/tf-003.md").Message);
    }

    [Fact]
    public void More_than_four_options_are_reported()
    {
        _bank.Edit("items/tf-003.md", "---\nDuring", "  - id: E\n    text: >-\n      Fifth\n    rationale: >-\n      Why not.\n---\nDuring");
        Assert.Equal("an MCQ has exactly 4 options (A, B, C, D); found 5", OnlyProblem("items/tf-003.md").Message);
    }

    [Fact]
    public void Option_ids_out_of_order_are_reported()
    {
        _bank.Edit("items/tf-003.md", "  - id: C", "  - id: D");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal("option 3 has id 'D'; the options are A, B, C, D in this order", p.Message);
    }

    [Fact]
    public void An_empty_stem_is_reported()
    {
        var text = _bank.Read("items/tf-003.md");
        _bank.Write("items/tf-003.md", text[..(text.LastIndexOf("---\n", StringComparison.Ordinal) + 4)] + "\n  \n");
        var p = OnlyProblem("items/tf-003.md");
        Assert.StartsWith("the stem", p.Message);
        Assert.Contains("is empty", p.Message);
    }

    [Fact]
    public void An_empty_essay_prompt_is_reported()
    {
        var text = _bank.Read("items/es-clin-02.md");
        _bank.Write("items/es-clin-02.md", text[..(text.LastIndexOf("---\n", StringComparison.Ordinal) + 4)]);
        Assert.StartsWith("the prompt", OnlyProblem("items/es-clin-02.md").Message);
    }

    [Fact]
    public void An_option_without_text_is_reported()
    {
        _bank.Edit("items/tf-003.md", "    text: >-\n      Refer her to a parenting class: it covers crying\n", "");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal("option C has no text", p.Message);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "  - id: C"), p.Line);
    }

    [Fact]
    public void An_option_without_rationale_is_reported()
    {
        _bank.Edit("items/tf-003.md", "      Moves away from the relationship.", "      \"\"");
        _bank.Edit("items/tf-003.md", "    rationale: >-\n      \"\"", "    rationale: \"\"");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal("option C has no rationale", p.Message);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "rationale: \"\""), p.Line);
    }

    [Fact]
    public void An_unknown_rubric_is_reported()
    {
        _bank.Edit("items/es-clin-02.md", "rubric: clinical-vignette", "rubric: clinical-vignete");
        var p = OnlyProblem("items/es-clin-02.md");
        Assert.Equal("unknown rubric 'clinical-vignete': no rubrics/clinical-vignete.md", p.Message);
        Assert.Equal(_bank.LineOf("items/es-clin-02.md", "rubric:"), p.Line);
    }

    [Fact]
    public void An_essay_without_an_essay_set_is_reported()
    {
        _bank.Edit("items/es-clin-02.md", "essaySet: Clinical\n", "");
        Assert.StartsWith("an essay needs an essaySet", OnlyProblem("items/es-clin-02.md").Message);
    }

    [Fact]
    public void An_essay_on_a_rubric_for_another_essay_set_is_reported()
    {
        _bank.Edit("items/es-clin-02.md", "rubric: clinical-vignette", "rubric: supervisory-vignette");
        Assert.Equal("rubric 'supervisory-vignette' is for Supervisory essays; this essay is Clinical", OnlyProblem("items/es-clin-02.md").Message);
    }

    [Fact]
    public void Approved_without_a_reviewer_is_reported()
    {
        _bank.Edit("items/tf-003.md", "reviewers: [committee-chair]\n", "");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal(_bank.LineOf("items/tf-003.md", "status:"), p.Line);
        Assert.Equal("status approved needs 1 reviewer other than the author; none is listed; import does not record it as an approval", p.Message);
        Assert.True(p.Warning);
    }

    [Fact]
    public void Approved_with_the_author_among_the_reviewers_is_reported()
    {
        _bank.Edit("items/tf-003.md", "reviewers: [committee-chair]", "reviewers: [item-writer-1]");
        var p = OnlyProblem("items/tf-003.md");
        Assert.Equal(_bank.LineOf("items/tf-003.md", "reviewers:"), p.Line);
        Assert.Contains("the author 'item-writer-1' is among the reviewers", p.Message);
    }

    [Fact]
    public void With_two_reviewers_required_one_is_not_enough()
    {
        var problems = _bank.Lint(requiredReviewers: 2);
        Assert.Equal(10, problems.Count); // every approved version in the fixture (8 items, 2 rubrics) has one reviewer
        Assert.All(problems, p => Assert.Equal("status approved needs 2 reviewers other than the author; 1 is listed; import does not record it as an approval", p.Message));
        _bank.Edit("items/tf-003.md", "reviewers: [committee-chair]", "reviewers: [committee-chair, committee-member]");
        Assert.DoesNotContain(_bank.Lint(requiredReviewers: 2), p => p.File == _bank.PathOf("items/tf-003.md"));
    }

    [Fact]
    public void A_form_pinning_a_version_that_does_not_exist_is_reported()
    {
        _bank.Edit("items/tf-001.md", "Which of the following", "Which one of the following");
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", "- tf-001@"), p.Line);
        Assert.StartsWith($"pins {TempBank.Pin("tf-001")}, a version that does not exist: {_bank.PathOf("items/tf-001.md")} is now tf-001@", p.Message);
    }

    [Fact]
    public void A_form_pinning_an_unknown_item_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "- tf-001@", "- tf-404@");
        Assert.StartsWith("pins tf-404@", OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void A_form_pinning_a_version_that_is_not_approved_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", TempBank.Pin("ref-001").ToString(), TempBank.Pin("ref-002").ToString());
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal($"pins {TempBank.Pin("ref-002")}, which is in-review, not approved", p.Message);
    }

    [Fact]
    public void A_form_that_misses_its_blueprint_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "    reflection: 1", "    reflection: 2");
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", "blueprint:"), p.Line);
        Assert.Equal("Part One misses its blueprint (4 items for 5): reflection has 1 of 2 (1 short)", p.Message);
    }

    [Fact]
    public void A_form_with_an_item_twice_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", TempBank.Pin("tf-002").ToString(), TempBank.Pin("tf-001").ToString());
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", "- dss-001@") + 1, p.Line);
        Assert.Equal($"tf-001 is in Part One twice (also on line {_bank.LineOf("forms/form-test.yaml", "- tf-001@")})", p.Message);
    }

    [Fact]
    public void A_form_with_an_essay_twice_in_a_track_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "        - es-clin-02@" + TempBank.Pin("es-clin-02").Hash + "\n    IMHM-C", "        - " + TempBank.Pin("es-clin-01") + "\n    IMHM-C");
        Assert.StartsWith("es-clin-01 is in IMHS twice", OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void A_track_that_cannot_meet_its_requirement_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "        - " + TempBank.Pin("es-sup-01") + "\n", "");
        Assert.Equal("IMHM-C requires 1 Supervisory essay but offers 0", OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void An_essay_whose_rubric_the_form_does_not_pin_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "    - " + TempBank.Rubrics()[1].Pin + "\n", "");
        Assert.Equal("es-sup-01 is scored on rubric 'supervisory-vignette', which partTwo.rubrics does not pin",
            OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void A_form_pinning_an_mcq_in_part_two_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "        - " + TempBank.Pin("es-sup-01"), "        - " + TempBank.Pin("tf-003"));
        Assert.Equal("tf-003 is an MCQ; Part Two takes essays", OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void A_pin_that_is_not_id_at_hash_is_reported()
    {
        _bank.Edit("forms/form-test.yaml", "- tf-001@", "- tf-001#");
        Assert.StartsWith("'tf-001#", OnlyProblem("forms/form-test.yaml").Message);
    }

    [Fact]
    public void A_rubric_with_points_out_of_order_is_reported()
    {
        _bank.Edit("rubrics/supervisory-vignette.md", "      2: >-", "      5: >-");
        var p = OnlyProblem("rubrics/supervisory-vignette.md");
        Assert.Equal("points are numbered 0, 1, 2... in order; expected 2, found '5'", p.Message);
        Assert.Equal(_bank.LineOf("rubrics/supervisory-vignette.md", "      5: >-"), p.Line);
    }

    [Fact]
    public void A_broken_item_is_reported_once_not_again_by_the_form_that_pins_it()
    {
        _bank.Edit("items/tf-001.md", "status: approved", "status: aproved");
        var p = OnlyProblem("items/tf-001.md");
        Assert.Equal("unknown status 'aproved'; expected draft | in-review | approved | retired", p.Message);
    }

    [Fact]
    public void Every_problem_in_a_bank_is_reported()
    {
        _bank.Edit("items/tf-003.md", "key: C", "key: E");
        _bank.Edit("items/es-clin-02.md", "essaySet: Clinical\n", "");
        _bank.Edit("rubrics/supervisory-vignette.md", "      2: >-", "      5: >-");
        Assert.Equal(3, _bank.Lint().Count);
    }

    [Fact]
    public void Paths_are_reported_relative_as_given()
    {
        var cwd = Environment.CurrentDirectory;
        var relative = Path.GetRelativePath(cwd, _bank.Root);
        _bank.Edit("items/tf-003.md", "key: C", "key: E");
        var problems = new ItemBankLinter().Lint(ItemBankReader.Read(relative));
        Assert.Equal(Path.Join(relative, "items", "tf-003.md"), Assert.Single(problems).File);
    }
}
