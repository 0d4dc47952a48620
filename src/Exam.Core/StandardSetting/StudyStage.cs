namespace Exam.Core.StandardSetting;

/// <summary>Where a modified-Angoff study stands. It only moves forward, one stage at a time.</summary>
public enum StudyStage
{
    /// <summary>The panel agrees the description of the minimally competent candidate; panelists are invited.</summary>
    Setup,
    /// <summary>Each panelist rates every Part One item alone.</summary>
    Round1,
    /// <summary>The facilitator shows the round-1 spread per item and the items' p values.</summary>
    Discussion,
    /// <summary>Each panelist revises their ratings.</summary>
    Round2,
    /// <summary>The recommended cut and its cross-checks are ready for the committee.</summary>
    Results,
    /// <summary>The committee adopted a cut for the form.</summary>
    Adopted,
}

/// <summary>The rules of a study's stages: names, order, which round is open, and when the facilitator may move on.</summary>
public static class StudyStages
{
    /// <summary>A study needs at least two panelists: with one there is no spread and no standard error.</summary>
    public const int MinPanelists = 2;

    public static string Code(StudyStage stage) => stage switch
    {
        StudyStage.Setup => "setup",
        StudyStage.Round1 => "round1",
        StudyStage.Discussion => "discussion",
        StudyStage.Round2 => "round2",
        StudyStage.Results => "results",
        StudyStage.Adopted => "adopted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static StudyStage Parse(string code)
    {
        foreach (var stage in Enum.GetValues<StudyStage>())
            if (Code(stage) == code) return stage;
        throw new ArgumentException($"Unknown study stage '{code}'.", nameof(code));
    }

    public static string Describe(StudyStage stage) => stage switch
    {
        StudyStage.Setup => "Setting up: describe the minimally competent candidate and invite panelists",
        StudyStage.Round1 => "Round 1: panelists rate alone",
        StudyStage.Discussion => "Discussion of round 1",
        StudyStage.Round2 => "Round 2: panelists revise",
        StudyStage.Results => "Results ready for adoption",
        StudyStage.Adopted => "Cut adopted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>The rating round open at this stage (1 or 2), or null.</summary>
    public static int? OpenRound(StudyStage stage) => stage switch
    {
        StudyStage.Round1 => 1,
        StudyStage.Round2 => 2,
        _ => null,
    };

    /// <summary>The stage the facilitator moves to next; null from Results (adoption is its own step) and Adopted.</summary>
    public static StudyStage? Next(StudyStage stage) => stage switch
    {
        StudyStage.Setup => StudyStage.Round1,
        StudyStage.Round1 => StudyStage.Discussion,
        StudyStage.Discussion => StudyStage.Round2,
        StudyStage.Round2 => StudyStage.Results,
        _ => null,
    };

    /// <summary>Why the facilitator cannot move the study on from <paramref name="stage"/>, or null.</summary>
    public static string? CheckAdvance(StudyStage stage, string description, int panelists, IReadOnlyCollection<string> unfinished) => stage switch
    {
        _ when Next(stage) is null => "This study has no further stage.",
        StudyStage.Setup when string.IsNullOrWhiteSpace(description) =>
            "Write the panel's description of the minimally competent candidate before round 1.",
        StudyStage.Setup when panelists < MinPanelists => $"Invite at least {MinPanelists} panelists before round 1.",
        StudyStage.Round1 or StudyStage.Round2 when unfinished.Count > 0 =>
            $"Waiting for {string.Join(", ", unfinished.Order(StringComparer.Ordinal))} to finish round {OpenRound(stage)}.",
        _ => null,
    };

    /// <summary>
    /// Why a panelist cannot be removed from a study at <paramref name="stage"/> with <paramref name="panelists"/> on the
    /// panel, or null. Until round 1 closes a panelist may leave (their ratings go with them); from then on every rating
    /// has been discussed and counts. Once rating has started the panel keeps the minimum, since nobody can be invited.
    /// </summary>
    public static string? CheckRemove(StudyStage stage, int panelists) => stage switch
    {
        StudyStage.Setup => null,
        StudyStage.Round1 when panelists - 1 < MinPanelists =>
            $"Round 1 needs at least {MinPanelists} panelists, and nobody can be invited once it has started.",
        StudyStage.Round1 => null,
        _ => RemoveClosed,
    };

    public const string RemoveClosed = "Panelists can be removed until round 1 closes, not after: their ratings are part of the discussion.";

    /// <summary>Why a rating cannot be stored, or null: a whole percentage from 0 to 100.</summary>
    public static string? CheckRating(int rating) =>
        rating is < 0 or > 100 ? "A rating is the percentage of minimally competent candidates (0 to 100) who would answer correctly." : null;

    public static string? CheckExpectedPass(int percent) =>
        percent is < 0 or > 100 ? "The expected pass rate is a percentage from 0 to 100." : null;

    public static string? CheckTitle(string title) =>
        string.IsNullOrWhiteSpace(title) ? "Give the study a title."
        : title.Length > FieldLimits.StudyTitle ? $"Keep the title within {FieldLimits.StudyTitle:N0} characters."
        : null;

    public static string? CheckDescription(string description) =>
        description.Length > FieldLimits.CandidateDescription
            ? $"Keep the description within {FieldLimits.CandidateDescription:N0} characters." : null;
}
