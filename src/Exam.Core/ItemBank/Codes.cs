namespace Exam.Core.ItemBank;

/// <summary>Multiple choice (Part One) or essay (Part Two).</summary>
public enum ItemType { Mcq, Essay }

/// <summary>The endorsement level an item is written for; <see cref="Both"/> serves Level III and IV.</summary>
public enum Level { III, IV, Both }

/// <summary>The Level IV designation code: A (all), C (clinical), P (policy), R/F (research/faculty).</summary>
public enum Designation { A, C, P, RF }

/// <summary>Where a version stands in review. See <see cref="ItemWorkflow"/> for the moves allowed.</summary>
public enum ItemStatus { Draft, InReview, Approved, Retired }

/// <summary>The essay sets of Part Two; which set a track answers is data on the form.</summary>
public enum EssaySet { Clinical, Supervisory, Policy, Teaching, Research }

/// <summary>The state of an exam form. A published form never changes.</summary>
public enum FormStatus { Draft, Published, Retired }

/// <summary>How two (or three) essay ratings resolve to a final score.</summary>
public enum RatingResolution
{
    /// <summary>The mean of the third read and whichever of the first two is closer to it (GRE-style programmes).</summary>
    MeanOfThirdAndCloser,
    /// <summary>The third read alone replaces the first two.</summary>
    ThirdOnly,
    /// <summary>The mean of all three reads.</summary>
    MeanOfAllThree,
}

/// <summary>How the essays of Part Two combine into the part's score.</summary>
public enum PartTwoCombine { SumPercent }

/// <summary>
/// The spellings used in files, the database and JSON. One table per enum, so a code reads and writes the same way
/// everywhere (status "in-review", designation "R/F", level "both").
/// </summary>
public static class ItemBankCodes
{
    private static readonly (ItemType Value, string Code)[] Types = [(ItemType.Mcq, "mcq"), (ItemType.Essay, "essay")];
    private static readonly (Level Value, string Code)[] Levels = [(Level.III, "III"), (Level.IV, "IV"), (Level.Both, "both")];
    private static readonly (Designation Value, string Code)[] Designations =
        [(Designation.A, "A"), (Designation.C, "C"), (Designation.P, "P"), (Designation.RF, "R/F")];
    private static readonly (ItemStatus Value, string Code)[] Statuses =
        [(ItemStatus.Draft, "draft"), (ItemStatus.InReview, "in-review"), (ItemStatus.Approved, "approved"), (ItemStatus.Retired, "retired")];
    private static readonly (EssaySet Value, string Code)[] EssaySets =
        [(EssaySet.Clinical, "Clinical"), (EssaySet.Supervisory, "Supervisory"), (EssaySet.Policy, "Policy"),
         (EssaySet.Teaching, "Teaching"), (EssaySet.Research, "Research")];
    private static readonly (FormStatus Value, string Code)[] FormStatuses =
        [(FormStatus.Draft, "draft"), (FormStatus.Published, "published"), (FormStatus.Retired, "retired")];
    private static readonly (RatingResolution Value, string Code)[] Resolutions =
        [(RatingResolution.MeanOfThirdAndCloser, "mean-of-third-and-closer"), (RatingResolution.ThirdOnly, "third-only"),
         (RatingResolution.MeanOfAllThree, "mean-of-all-three")];
    private static readonly (PartTwoCombine Value, string Code)[] Combines = [(PartTwoCombine.SumPercent, "sum-percent")];

    public static string Code(ItemType v) => Find(Types, v);
    public static string Code(Level v) => Find(Levels, v);
    public static string Code(Designation v) => Find(Designations, v);
    public static string Code(ItemStatus v) => Find(Statuses, v);
    public static string Code(EssaySet v) => Find(EssaySets, v);
    public static string Code(FormStatus v) => Find(FormStatuses, v);
    public static string Code(RatingResolution v) => Find(Resolutions, v);
    public static string Code(PartTwoCombine v) => Find(Combines, v);

    public static bool TryParse(string? code, out ItemType v) => TryFind(Types, code, out v);
    public static bool TryParse(string? code, out Level v) => TryFind(Levels, code, out v);
    public static bool TryParse(string? code, out Designation v) => TryFind(Designations, code, out v);
    public static bool TryParse(string? code, out ItemStatus v) => TryFind(Statuses, code, out v);
    public static bool TryParse(string? code, out EssaySet v) => TryFind(EssaySets, code, out v);
    public static bool TryParse(string? code, out FormStatus v) => TryFind(FormStatuses, code, out v);
    public static bool TryParse(string? code, out RatingResolution v) => TryFind(Resolutions, code, out v);
    public static bool TryParse(string? code, out PartTwoCombine v) => TryFind(Combines, code, out v);

    /// <summary>The codes of an enum in declaration order, for messages such as "mcq | essay".</summary>
    public static IReadOnlyList<string> CodesOf<T>() where T : struct, Enum => typeof(T) switch
    {
        var t when t == typeof(ItemType) => Types.Select(x => x.Code).ToList(),
        var t when t == typeof(Level) => Levels.Select(x => x.Code).ToList(),
        var t when t == typeof(Designation) => Designations.Select(x => x.Code).ToList(),
        var t when t == typeof(ItemStatus) => Statuses.Select(x => x.Code).ToList(),
        var t when t == typeof(EssaySet) => EssaySets.Select(x => x.Code).ToList(),
        var t when t == typeof(FormStatus) => FormStatuses.Select(x => x.Code).ToList(),
        var t when t == typeof(RatingResolution) => Resolutions.Select(x => x.Code).ToList(),
        var t when t == typeof(PartTwoCombine) => Combines.Select(x => x.Code).ToList(),
        _ => throw new ArgumentException($"No codes for {typeof(T).Name}."),
    };

    public static T Parse<T>(string code) where T : struct, Enum
    {
        var ok = default(T) switch
        {
            ItemType => TryParse(code, out ItemType a) ? (object)a : null,
            Level => TryParse(code, out Level b) ? b : null,
            Designation => TryParse(code, out Designation c) ? c : null,
            ItemStatus => TryParse(code, out ItemStatus d) ? d : null,
            EssaySet => TryParse(code, out EssaySet e) ? e : null,
            FormStatus => TryParse(code, out FormStatus f) ? f : null,
            RatingResolution => TryParse(code, out RatingResolution g) ? g : null,
            PartTwoCombine => TryParse(code, out PartTwoCombine h) ? h : null,
            _ => null,
        };
        return ok is T value ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code.");
    }

    private static string Find<T>((T Value, string Code)[] table, T value) where T : struct, Enum
    {
        foreach (var (v, c) in table)
            if (EqualityComparer<T>.Default.Equals(v, value)) return c;
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    private static bool TryFind<T>((T Value, string Code)[] table, string? code, out T value) where T : struct, Enum
    {
        foreach (var (v, c) in table)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }
}
