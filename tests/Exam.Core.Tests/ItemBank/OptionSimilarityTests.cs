using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class OptionSimilarityTests
{
    [Fact]
    public void Options_that_differ_only_in_case_punctuation_or_spacing_are_duplicates()
    {
        Assert.Equal([(0, 2)], OptionSimilarity.NearDuplicates(["Refer her to a clinic.", "Wait and watch", "refer  her to a clinic", "Call"]));
    }

    [Fact]
    public void Options_within_two_letters_are_near_duplicates_and_different_options_are_not()
    {
        Assert.Equal([(1, 3)], OptionSimilarity.NearDuplicates(["Observe the dyad", "Explore her feelings", "Call the pediatrician", "Explore her feeling"]));
        Assert.Empty(OptionSimilarity.NearDuplicates(["Teach a routine", "Explore her feelings", "Refer to a class", "Reassure her"]));
    }

    [Fact]
    public void A_changed_word_or_number_is_a_real_difference_however_short()
    {
        Assert.Empty(OptionSimilarity.NearDuplicates(["Option A of tf-1", "Option B of tf-1", "Option C of tf-1", "Option D of tf-1"]));
        Assert.Empty(OptionSimilarity.NearDuplicates(["By 6 months", "By 9 months", "By 12 months", "By 18 months"]));
        Assert.Equal([(0, 1)], OptionSimilarity.NearDuplicates(["Refer the family", "Refer the famliy", "Wait", "Call"]));
    }
}
