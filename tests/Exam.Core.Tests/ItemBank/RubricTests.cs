using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class RubricTests
{
    private static Rubric Sample() => new()
    {
        Id = "clinical-vignette",
        Title = "Clinical vignette",
        EssaySet = EssaySet.Clinical,
        Criteria =
        [
            new("observation", "Observation", ["direct-service-skills"], ["none", "some", "good", "full"]),
            new("theory", "Theory", ["theoretical-foundations"], ["none", "some", "good", "full"]),
            new("reflection", "Reflection", ["reflection"], ["none", "some", "full"]),
        ],
        Notes = "What a strong answer covers.",
    };

    [Fact]
    public void The_maximum_is_the_sum_of_each_criterion_top_point() => Assert.Equal(3 + 3 + 2, Sample().MaxScore);

    [Fact]
    public void A_rubric_is_versioned_by_its_content_including_rater_notes()
    {
        var r = Sample();
        Assert.Matches("^[0-9a-f]{12}$", r.Version);
        Assert.NotEqual(r.Version, (r with { Notes = "Other notes." }).Version);
        Assert.Equal(r.ToCanonicalJson(), Rubric.FromJson(r.ToCanonicalJson()).ToCanonicalJson());
    }
}
