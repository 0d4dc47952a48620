namespace Exam.Core.Rating;

/// <summary>One validity paper as a rater scored it beside the committee's agreed scores (criterion id → points).</summary>
public sealed record ValidityRating(IReadOnlyDictionary<string, int> Given, IReadOnlyDictionary<string, int> Agreed)
{
    public int GivenTotal => Given.Values.Sum();
    public int AgreedTotal => Agreed.Values.Sum();
    public int Deviation => GivenTotal - AgreedTotal;
}

public sealed record QualificationOutcome(bool Passed, int Within, int Rated, int Required, int Tolerance);

/// <summary>
/// Standardisation before live rating: a rater qualifies when the total they give is within <see cref="Tolerance"/>
/// points of the agreed total on at least <see cref="RequiredWithin"/> papers of the set (default 1 point, 4 of 5).
/// </summary>
public sealed record QualificationRule(int Tolerance = 1, int RequiredWithin = 4)
{
    public QualificationOutcome Evaluate(IReadOnlyList<ValidityRating> ratings)
    {
        if (Tolerance < 0) throw new InvalidOperationException("The qualification tolerance cannot be negative.");
        if (RequiredWithin < 1) throw new InvalidOperationException("At least one qualification paper must count.");
        var within = ratings.Count(r => Math.Abs(r.Deviation) <= Tolerance);
        return new QualificationOutcome(within >= RequiredWithin, within, ratings.Count, RequiredWithin, Tolerance);
    }

    /// <summary>Why a qualification set of this many papers cannot qualify anyone, or null when it can.</summary>
    public string? SetProblem(int papers) => papers < RequiredWithin
        ? $"A qualification set needs at least {RequiredWithin} papers (a rater must be within {Tolerance} of the agreed total on {RequiredWithin})."
        : null;
}
