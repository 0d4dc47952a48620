using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

/// <summary>The rules a rubric meets to score essays, and the one review rule rubric versions share with items.</summary>
public sealed class RubricRulesTests
{
    private static readonly HashSet<string> Domains = ["reflection", "thinking"];

    private static Rubric With(params RubricCriterion[] criteria) => new()
    {
        Id = "clinical-vignette", Title = "Clinical vignette", EssaySet = EssaySet.Clinical, Criteria = criteria, Notes = "Notes.",
    };

    private static IReadOnlyList<string> Messages(Rubric r) => RubricRules.Problems(r, Domains.Contains).Select(p => p.Message).ToList();

    [Fact]
    public void A_well_formed_rubric_has_no_problems() =>
        Assert.Empty(Messages(With(new RubricCriterion("reflection", "Reflection", ["reflection"], ["None.", "Some.", "All."]))));

    [Fact]
    public void Each_broken_rule_is_named_with_its_criterion_and_field()
    {
        var problems = RubricRules.Problems(With(
            new RubricCriterion("a", "A", ["reflection"], ["None.", "Some."]),
            new RubricCriterion("a", "", ["astrology"], ["Only zero."])), Domains.Contains);
        Assert.Equal(
        [
            ("Criteria[1].Id", "Criterion 2: the id 'a' is used twice in this rubric."),
            ("Criteria[1].Title", "Criterion 2: give it a title."),
            ("Criteria[1].Domains", "Criterion 2: 'astrology' is not a domain of the bank's blueprint."),
            ("Criteria[1].Points", "Criterion 2: score points need descriptors for at least 0 and 1."),
        ], problems);
    }

    [Fact]
    public void A_rubric_needs_a_title_and_a_criterion_and_each_point_a_descriptor()
    {
        Assert.Equal(["Give the rubric a title.", "A rubric has at least one criterion."], Messages(With() with { Title = "" }));
        Assert.Equal(["Criterion 1: point 1 has no descriptor."],
            Messages(With(new RubricCriterion("r", "R", ["thinking"], ["None.", "", "All."]))));
    }

    [Fact]
    public void Rubric_versions_follow_the_item_review_rule()
    {
        var workflow = new ItemWorkflow(requiredReviewers: 1);
        Assert.False(workflow.Approve(ItemStatus.InReview, "rubric-writer", [], "Rubric-Writer ").Succeeded);
        Assert.Equal(ItemStatus.Approved, workflow.Approve(ItemStatus.InReview, "rubric-writer", [], "committee").Status);
        Assert.False(workflow.Submit(ItemStatus.Retired).Succeeded);
    }
}
