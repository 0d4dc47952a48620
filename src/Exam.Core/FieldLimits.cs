namespace Exam.Core;

/// <summary>
/// The longest value each stored text field takes, in characters: the one source for the validation that refuses a
/// longer value and for the column that stores it (NVARCHAR(n) in the SQL Server migrations; a test holds every
/// such column to the limit of the field it stores). SQLite would store anything; SQL Server refuses what is longer.
/// </summary>
public static class FieldLimits
{
    // ---- people and sign-in
    /// <summary>A staff user name; also every actor column, which holds a user name, a candidate number or "system".</summary>
    public const int UserName = 100;
    public const int DisplayName = 200;
    /// <summary>A candidate number as typed at sign-in; issued numbers have six digits.</summary>
    public const int CandidateNumber = 20;
    public const int PersonName = 200;
    public const int Email = 320;
    public const int Association = 200;
    public const int CandidateNotes = 4000;

    // ---- scheduling
    public const int SittingTitle = 200;
    public const int Location = 200;
    /// <summary>An IANA time zone id (the longest in tzdata is 32 characters: America/Argentina/ComodRivadavia).</summary>
    public const int TimeZoneId = 64;
    public const int RestBreaks = 500;
    public const int RetakeOverrideReason = 500;

    // ---- proctoring: a note, a pause or void reason, an incident (one limit: they end up in the same log)
    public const int ProctorNote = 2000;

    // ---- item bank
    /// <summary>An item, rubric or form id (lower-case letters, digits and '-').</summary>
    public const int BankId = 100;
    /// <summary>An item's author or reviewer as named in the bank (a person's name or a staff user name).</summary>
    public const int BankPerson = 200;
    public const int FormTitle = 400;
    public const int ReviewComment = 4000;

    // ---- scoring and rating
    public const int KeyCorrectionReason = 1000;
    /// <summary>A declared conflict of interest: a person's full name or an association, as folded for matching.</summary>
    public const int ConflictValue = 200;
    public const int RatingFeedback = 10_000;
    /// <summary>A validity paper's label, seen by the committee and leads only.</summary>
    public const int ValidityTitle = 200;
    /// <summary>Why the committee agreed a validity paper's scores, shown to raters after a practice paper.</summary>
    public const int ValidityRationale = 2000;
    /// <summary>Why a lead suspended a rater from live rating.</summary>
    public const int SuspensionReason = 500;

    // ---- standard setting
    public const int StudyTitle = 200;
    /// <summary>The panel's written description of the minimally competent candidate.</summary>
    public const int CandidateDescription = 4000;

    // ---- the audit log
    /// <summary>An audit line's actor: a user name or candidate number, or what was typed at a failed sign-in (clipped).</summary>
    public const int AuditActor = 200;

    /// <summary>Text cut to <paramref name="max"/> characters, marked with an ellipsis when cut (for records of what was typed).</summary>
    public static string Clip(string value, int max)
    {
        if (value.Length <= max) return value;
        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1])) keep--; // never half a surrogate pair
        return string.Concat(value.AsSpan(0, keep), "…");
    }
}
