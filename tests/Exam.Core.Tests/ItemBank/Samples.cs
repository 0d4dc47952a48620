using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

internal static class Samples
{
    public static ItemContent Mcq(string id = "tf-001", string domain = "theoretical-foundations", string key = "B", string author = "writer-1") => new()
    {
        Id = id,
        Type = ItemType.Mcq,
        Level = Level.Both,
        Designation = Designation.A,
        Domains = [domain],
        Author = author,
        References = ["Bowlby, J. (1988). A secure base."],
        Key = key,
        Options =
        [
            new("A", "First option", "Why not A."),
            new("B", "Second option", "Key. Why B."),
            new("C", "Third \"quoted\" option", "Why not C."),
            new("D", "Fourth option", "Why not D."),
        ],
        Body = "A stem with *emphasis*.\n\nWhich of the following?",
    };

    public static ItemContent Essay(string id = "es-clin-01", EssaySet set = EssaySet.Clinical) => new()
    {
        Id = id,
        Type = ItemType.Essay,
        Level = Level.Both,
        Designation = Designation.C,
        Domains = ["direct-service-skills", "reflection"],
        Author = "writer-6",
        References = [],
        EssaySet = set,
        Rubric = "clinical-vignette",
        Body = "A vignette.\n\n1. What do you observe?",
    };
}
