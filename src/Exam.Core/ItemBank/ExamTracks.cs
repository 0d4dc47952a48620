namespace Exam.Core.ItemBank;

/// <summary>An endorsement track a candidate sits the exam for, and the essays it answers by default.</summary>
public sealed record ExamTrack(string Id, Level Level, IReadOnlyList<EssaySet> EssaySets, Designation? Designation);

/// <summary>The four tracks, in the order forms list them. Which essays a track answers is data on the form; these are the defaults.</summary>
public static class ExamTracks
{
    public static readonly ExamTrack Imhs = new("IMHS", Level.III, [EssaySet.Clinical], null);
    public static readonly ExamTrack ImhmClinical = new("IMHM-C", Level.IV, [EssaySet.Supervisory, EssaySet.Clinical], Designation.C);
    public static readonly ExamTrack ImhmPolicy = new("IMHM-P", Level.IV, [EssaySet.Policy], Designation.P);
    public static readonly ExamTrack ImhmResearchFaculty = new("IMHM-R/F", Level.IV, [EssaySet.Teaching, EssaySet.Research], Designation.RF);

    public static readonly IReadOnlyList<ExamTrack> All = [Imhs, ImhmClinical, ImhmPolicy, ImhmResearchFaculty];

    public static bool IsKnown(string id) => All.Any(t => t.Id == id);

    /// <summary>Position in <see cref="All"/>, for a stable order; unknown tracks sort last.</summary>
    public static int OrderOf(string id)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i].Id == id) return i;
        return int.MaxValue;
    }

    /// <summary>Whether an item written for <paramref name="level"/> and <paramref name="designation"/> suits the track.</summary>
    public static bool Suits(ExamTrack track, Level level, Designation designation) =>
        (level == Level.Both || level == track.Level)
        && (track.Designation is null || designation == Designation.A || designation == track.Designation);
}
