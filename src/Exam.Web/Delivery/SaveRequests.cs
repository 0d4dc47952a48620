using Exam.Data.Delivery;

namespace Exam.Web.Delivery;

/// <summary>
/// One change to a Part One question: the option shown in slot 1-4 (or none) and the flag, with the change's sequence and
/// when the page made it (by the server's clock as the page counts it).
/// </summary>
public sealed record McSave(long Seq, int Position, int? Slot, bool Flagged, DateTimeOffset? MadeAt = null);

/// <summary>One change to an essay: whether it is among those answered, and its whole text, with the change's sequence and when it was made.</summary>
public sealed record EssaySave(long Seq, long ItemVersionId, bool Chosen, string Body, DateTimeOffset? MadeAt = null);

/// <summary>Why a save was refused, for the page to say in plain words.</summary>
public enum SaveError { None, NotFound, Invalid, Elsewhere, NotRunning, Late, Choice }

public sealed record SaveResult(SaveError Error, string? Message = null, SaveOutcome? Outcome = null, long Seq = 0, DateTimeOffset? SavedAt = null)
{
    public bool Ok => Error == SaveError.None;

    public static SaveResult Refused(SaveError error, string message) => new(error, message);
}

/// <summary>What a candidate keeps after submitting a part.</summary>
public sealed record Receipt(int Part, string Code, DateTimeOffset SubmittedAt, string Reason, int Answered, int Total);
