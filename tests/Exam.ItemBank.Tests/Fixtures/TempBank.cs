using Exam.Core.ItemBank;
using Exam.ItemBank.Files;

namespace Exam.ItemBank.Tests.Fixtures;

/// <summary>
/// A small, clean item bank in a temp folder: five MCQs, two essays, two rubrics and a draft form meeting its own
/// small blueprint. Tests break one thing and look for the one problem.
/// </summary>
public sealed class TempBank : IDisposable
{
    public static readonly ItemBlueprint SmallBlueprint = new(new Dictionary<string, int>
    {
        ["theoretical-foundations"] = 2,
        ["direct-service-skills"] = 1,
        ["reflection"] = 1,
    });

    public TempBank()
    {
        Root = Path.Combine(Path.GetTempPath(), "exam-itembank-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "items"));
        Directory.CreateDirectory(Path.Combine(Root, "rubrics"));
        Directory.CreateDirectory(Path.Combine(Root, "forms"));
        File.Copy(ShippedBlueprintPath, Path.Combine(Root, "blueprint.yaml"));
        foreach (var doc in Items()) WriteItem(doc);
        foreach (var rubric in Rubrics()) WriteRubric(rubric);
        WriteForm(Form());
    }

    public string Root { get; }

    /// <summary>The repository's itembank/blueprint.yaml: the domains and tracks every test bank is checked against.</summary>
    public static string ShippedBlueprintPath { get; } = FindShipped();

    private static string FindShipped()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) return Path.Combine(dir.FullName, "itembank", "blueprint.yaml");
        throw new InvalidOperationException("Exam.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The reviewers the bank's files name, as the committee accounts an import requires them to be.</summary>
    public static readonly string[] Committee = ["committee-chair", "committee-member"];

    public static async Task AddCommitteeAsync(Exam.Data.Database.Db db, TimeProvider clock)
    {
        var staff = new Exam.Data.Accounts.StaffAccountStore(clock);
        await using var s = await db.BeginAsync();
        foreach (var name in Committee) await staff.CreateAsync(s, name, name, "not-a-password-hash", [Exam.Core.Accounts.Roles.Committee]);
        await s.CommitAsync();
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    /// <summary>Replaces one exact piece of a file's text (fails the test when it is not there).</summary>
    public void Edit(string relative, string find, string replace)
    {
        var text = Read(relative);
        Assert.Contains(find, text);
        Write(relative, text.Replace(find, replace, StringComparison.Ordinal));
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    /// <summary>The 1-based line of the first line of the file containing <paramref name="text"/>.</summary>
    public int LineOf(string relative, string text)
    {
        var lines = Read(relative).Split('\n');
        var i = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(i >= 0, $"'{text}' not in {relative}");
        return i + 1;
    }

    public void WriteItem(ItemDocument doc) => Write($"items/{doc.Content.Id}.md", ItemBankWriter.WriteItem(doc));

    /// <summary>A rubric file, approved by the committee unless said otherwise.</summary>
    public void WriteRubric(Rubric rubric, ItemStatus status = ItemStatus.Approved, string author = RubricAuthor, IReadOnlyList<string>? reviewers = null) =>
        Write($"rubrics/{rubric.Id}.md", ItemBankWriter.WriteRubric(new RubricDocument(rubric, status, author, reviewers ?? [Committee[0]])));

    /// <summary>Who wrote the test bank's rubrics (not a committee member, so the committee can approve them).</summary>
    public const string RubricAuthor = "rubric-writer";

    public void WriteForm(FormDefinition form) => Write($"forms/{form.Id}.yaml", ItemBankWriter.WriteForm(form));

    public BankFiles ReadBank() => ItemBankReader.Read(Root);

    public IReadOnlyList<LintProblem> Lint(StoredBank? stored = null, int requiredReviewers = 1) =>
        new ItemBankLinter(new LintOptions { RequiredReviewers = requiredReviewers }).Lint(ReadBank(), stored);

    public static ItemContent Mcq(string id, string domain, string key = "B", string author = "item-writer-1") => new()
    {
        Id = id,
        Type = ItemType.Mcq,
        Level = Level.Both,
        Designation = Designation.A,
        Domains = [domain],
        Author = author,
        References = ["Fraiberg, S., Adelson, E., & Shapiro, V. (1975). Ghosts in the nursery. J. Am. Acad. Child Psychiatry, 14(3), 387-421."],
        Key = key,
        Options =
        [
            new("A", "Teach her a structured soothing routine", "Offers a technique but bypasses the mother's experience."),
            new("B", "Explore with her the feelings the crying brings up", "Key. Relationship-based practice: \"ghosts in the nursery\"."),
            new("C", "Refer her to a parenting class: it covers crying", "Moves away from the relationship."),
            new("D", "Reassure her that crying is normal at this age", "True, but it closes the conversation."),
        ],
        Body = $"During a home visit ({id}), a mother says that whenever her baby cries she \"freezes\".\n\nWhich of the following is the most appropriate response?",
    };

    public static ItemContent Essay(string id, EssaySet set, string rubric, Level level = Level.Both) => new()
    {
        Id = id,
        Type = ItemType.Essay,
        Level = level,
        Designation = Designation.C,
        Domains = ["direct-service-skills", "reflection"],
        Author = "item-writer-6",
        References = ["Slade, A. (2005). Parental reflective functioning. Attachment & Human Development, 7(3), 269-281."],
        EssaySet = set,
        Rubric = rubric,
        Body = $"A vignette for {id}.\n\n1. Describe what you observe.\n2. What would you do next?",
    };

    public static IReadOnlyList<ItemDocument> Items() =>
    [
        new(Mcq("tf-001", "theoretical-foundations", "A"), ItemStatus.Approved, ["committee-chair"]),
        new(Mcq("tf-002", "theoretical-foundations", "B"), ItemStatus.Approved, ["committee-chair"]),
        new(Mcq("tf-003", "theoretical-foundations", "C"), ItemStatus.Approved, ["committee-chair"]),
        new(Mcq("dss-001", "direct-service-skills", "D", "item-writer-2"), ItemStatus.Approved, ["committee-chair"]),
        new(Mcq("ref-001", "reflection", "A", "item-writer-3"), ItemStatus.Approved, ["committee-member"]),
        new(Mcq("ref-002", "reflection", "B", "item-writer-3"), ItemStatus.InReview, []),
        new(Essay("es-clin-01", EssaySet.Clinical, "clinical-vignette"), ItemStatus.Approved, ["committee-chair"]),
        new(Essay("es-clin-02", EssaySet.Clinical, "clinical-vignette"), ItemStatus.Approved, ["committee-chair"]),
        new(Essay("es-sup-01", EssaySet.Supervisory, "supervisory-vignette", Level.IV), ItemStatus.Approved, ["committee-chair"]),
    ];

    public static IReadOnlyList<Rubric> Rubrics() =>
    [
        new Rubric
        {
            Id = "clinical-vignette",
            Title = "Clinical vignette",
            EssaySet = EssaySet.Clinical,
            Criteria =
            [
                new("observation", "Observation and assessment of the parent-infant relationship", ["direct-service-skills", "thinking"],
                    ["No relevant observation.", "Some behaviour noted.", "Accurate description: one strength, one concern.", "Both perspectives, specific details."]),
                new("theory", "Theory applied: development, attachment, trauma and loss", ["theoretical-foundations"],
                    ["No theory.", "Names concepts.", "Applies two bodies of knowledge.", "Integrates them into a formulation."]),
            ],
            Notes = "Notes for raters: what a strong answer covers.\n\n**Never** shown to candidates.",
        },
        new Rubric
        {
            Id = "supervisory-vignette",
            Title = "Supervisory vignette",
            EssaySet = EssaySet.Supervisory,
            Criteria =
            [
                new("reflective-stance", "Reflective stance", ["reflection", "leading-people"],
                    ["None.", "Names feelings.", "Links feelings to the work.", "Uses the parallel process."]),
            ],
            Notes = "Notes for raters.",
        },
    ];

    public static FormDefinition Form(string id = "form-test") => new()
    {
        Id = id,
        Title = "Test form",
        Status = FormStatus.Draft,
        Seed = 1,
        PartOne = new PartOneDefinition
        {
            Blueprint = SmallBlueprint,
            Items = new[] { "tf-001", "dss-001", "tf-002", "ref-001" }.Select(i => Items().Single(d => d.Content.Id == i).Content.Pin).ToList(),
        },
        PartTwo = new PartTwoDefinition
        {
            Rubrics = Rubrics().Select(r => r.Pin).ToList(),
            Tracks =
            [
                new TrackEssays { Track = "IMHS", Choose = 2, Items = [Pin("es-clin-01"), Pin("es-clin-02")] },
                new TrackEssays
                {
                    Track = "IMHM-C",
                    Choose = 2,
                    Require = [new(EssaySet.Clinical, 1), new(EssaySet.Supervisory, 1)],
                    Items = [Pin("es-sup-01"), Pin("es-clin-01"), Pin("es-clin-02")],
                },
            ],
        },
    };

    public static ItemPin Pin(string itemId) => Items().Single(d => d.Content.Id == itemId).Content.Pin;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
