using Exam.Core.Blueprint;

namespace Exam.Core.Tests.Blueprint;

public sealed class CompetencyDomainTests
{
    [Fact]
    public void Level_three_has_eight_domains_and_level_four_adds_three()
    {
        Assert.Equal(8, CompetencyDomains.All.Count(d => !d.LevelFourOnly));
        Assert.Equal(["leading-people", "administration", "research-evaluation"],
            CompetencyDomains.All.Where(d => d.LevelFourOnly).Select(d => d.Id));
    }

    [Fact]
    public void Ids_are_known_and_unknown_ids_are_refused()
    {
        Assert.True(CompetencyDomains.IsKnown("reflection"));
        Assert.False(CompetencyDomains.IsKnown("Reflection"));
        Assert.Throws<ArgumentException>(() => CompetencyDomains.Get("parenting"));
        Assert.Equal("Law, Regulation and Agency Policy", CompetencyDomains.Get("law-regulation-policy").Name);
    }
}
