namespace Exam.Web.Rating;

/// <summary>Bound from the <c>Rating</c> section.</summary>
public sealed class RatingOptions
{
    /// <summary>How long a claim holds without the rater working on it; every draft save renews it.</summary>
    public int LeaseMinutes { get; set; } = 30;

    /// <summary>How often lapsed claims are returned to the queue (a claim also lapses lazily: anyone may take it).</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    public bool SweeperEnabled { get; set; } = true;

    public MonitoringThresholds Monitoring { get; set; } = new();

    public ValidityOptions Validity { get; set; } = new();

    public TimeSpan Lease => TimeSpan.FromMinutes(LeaseMinutes);

    /// <summary>How often an open rating page renews its claim: several times per lease, so one lost beat costs nothing.</summary>
    public int HeartbeatSeconds => Math.Clamp(LeaseMinutes * 60 / 4, 10, 120);
}

/// <summary>
/// When a rater is flagged. Defaults follow operational scoring practice at ETS (quadratic weighted kappa of at least
/// 0.70 between two human reads, Williamson, Xi and Breyer 2012) and NAEP-style read-behind monitoring (adjacent
/// agreement, severity and adjudication watched per rater), scaled to rubric totals rather than a 6-point holistic score.
/// </summary>
public sealed class MonitoringThresholds
{
    /// <summary>Fewer reads than this are shown but not flagged: the figures are too unstable.</summary>
    public int MinimumReads { get; set; } = 10;

    public decimal ExactAgreementMin { get; set; } = 50m;
    public decimal AdjacentAgreementMin { get; set; } = 80m;
    public double KappaMin { get; set; } = 0.70;

    /// <summary>Mean difference from the final score, in rubric points, either way.</summary>
    public decimal SeverityMax { get; set; } = 1.0m;

    public decimal AdjudicationRateMax { get; set; } = 20m;
}

/// <summary>Standardisation: the qualification rule, the seeding rate and the drift rule (Core's rules, configured here).</summary>
public sealed class ValidityOptions
{
    /// <summary>Points a qualification total may be from the agreed total and still count.</summary>
    public int QualifyTolerance { get; set; } = 1;

    /// <summary>Papers of a qualification set that must be within the tolerance (of 5 by default).</summary>
    public int QualifyRequired { get; set; } = 4;

    /// <summary>One claim in this many is a seeded validity paper.</summary>
    public int SeedOneIn { get; set; } = 10;

    public decimal DriftMaxDeviation { get; set; } = 1.0m;
    public decimal DriftMinAdjacent { get; set; } = 0.8m;
    public int DriftMinimumPapers { get; set; } = 3;

    public Exam.Core.Rating.QualificationRule Qualification => new(QualifyTolerance, QualifyRequired);
    public Exam.Core.Rating.SeedingPlan Seeding => new(SeedOneIn);
    public Exam.Core.Rating.DriftRule Drift => new(DriftMaxDeviation, DriftMinAdjacent, DriftMinimumPapers);
}
