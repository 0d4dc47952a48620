using Exam.Core.Accounts;

namespace Exam.Core.Tests.Accounts;

public sealed class AccessCodeTests
{
    [Fact]
    public void Generated_codes_have_eight_unambiguous_characters_shown_in_two_groups()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = AccessCode.Generate();
            Assert.Matches("^[346789ABCDEFGHJKMNPQRTUVWXY]{4}-[346789ABCDEFGHJKMNPQRTUVWXY]{4}$", code);
        }
    }

    [Fact]
    public void Look_alike_characters_are_not_in_the_alphabet()
    {
        foreach (var c in "0O1IL5S2Z") Assert.DoesNotContain(c, AccessCode.Alphabet);
    }

    [Theory]
    [InlineData("7kxp-m4qd", "7KXPM4QD")]
    [InlineData(" 7KXP M4QD ", "7KXPM4QD")]
    [InlineData("7KXPM4QD", "7KXPM4QD")]
    public void Typed_codes_are_normalized(string typed, string expected) => Assert.Equal(expected, AccessCode.Normalize(typed));

    [Theory]
    [InlineData("")]
    [InlineData("7KXP-M4Q")]
    [InlineData("7KXP-M4QD9")]
    [InlineData("OOOO-0000")]
    public void Impossible_codes_normalize_to_null(string typed) => Assert.Null(AccessCode.Normalize(typed));

    [Fact]
    public void The_hash_verifies_the_right_code_only_and_depends_on_the_key()
    {
        var hasher = new AccessCodeHasher(new byte[32]);
        var hash = hasher.Hash("7KXPM4QD");
        Assert.True(hasher.Verify("7KXPM4QD", hash));
        Assert.False(hasher.Verify("7KXPM4QE", hash));
        Assert.DoesNotContain("7KXPM4QD", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, new AccessCodeHasher(Enumerable.Repeat((byte)1, 32).ToArray()).Hash("7KXPM4QD"));
    }
}
