using Exam.Core.Delivery;
using Exam.Core.ItemBank;

namespace Exam.Core.Tests.Delivery;

public sealed class EssayChoiceTests
{
    private static readonly OfferedEssay[] ThreeClinical = [new(1, EssaySet.Clinical), new(2, EssaySet.Clinical), new(3, EssaySet.Clinical)];

    // IMHM-C: 2 of 3, one supervisory and one clinical among them.
    private static readonly OfferedEssay[] Mentor = [new(1, EssaySet.Supervisory), new(2, EssaySet.Supervisory), new(3, EssaySet.Clinical)];

    private static EssayChoice TwoOfThree() => new(new TrackEssays { Track = "IMHS", Choose = 2 }, ThreeClinical);

    private static EssayChoice OneOfEach() => new(new TrackEssays
    {
        Track = "IMHM-C", Choose = 2, Require = [new(EssaySet.Supervisory, 1), new(EssaySet.Clinical, 1)],
    }, Mentor);

    [Fact]
    public void Two_of_three_may_be_chosen_but_not_three()
    {
        Assert.Null(TwoOfThree().Problem([1, 3]));
        Assert.Contains("You can answer 2 of the 3 essays", TwoOfThree().Problem([1, 2, 3]));
    }

    [Fact]
    public void A_choice_that_leaves_no_room_for_a_required_set_is_refused()
    {
        Assert.Null(OneOfEach().Problem([1]));
        Assert.Null(OneOfEach().Problem([1, 3]));
        Assert.Contains("1 Supervisory essay and 1 Clinical essay", OneOfEach().Problem([1, 2]));
    }

    [Fact]
    public void Essays_not_offered_do_not_count_towards_the_choice()
    {
        Assert.Null(TwoOfThree().Problem([1, 2, 99]));
    }

    [Fact]
    public void Only_the_chosen_essays_that_fit_the_rule_are_rated_in_the_forms_order()
    {
        Assert.Equal([1, 3], TwoOfThree().Rated([3, 1]));
        Assert.Equal([1, 2], TwoOfThree().Rated([1, 2, 3]));
        Assert.Equal([1, 3], OneOfEach().Rated([1, 2, 3]));
        Assert.Empty(TwoOfThree().Rated([]));
    }

    [Fact]
    public void Without_a_track_rule_every_essay_offered_is_answered()
    {
        var all = new EssayChoice(null, ThreeClinical);
        Assert.Equal(3, all.Choose);
        Assert.Null(all.Problem([1, 2, 3]));
        Assert.Equal("Answer all 3 essays.", all.Guidance());
    }

    [Fact]
    public void The_guidance_states_the_rule()
    {
        Assert.Equal("Answer 2 of the 3 essays. Tick \"Answer this essay\" for the ones you choose; you can change your choice until you submit."
            + " Your choice must include 1 Supervisory essay and 1 Clinical essay.", OneOfEach().Guidance());
    }
}
