using Exam.Core.ItemBank;
using Exam.ItemBank.Files;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Cli.Tests;

/// <summary>
/// A temp working folder with a bank under <c>bank/</c> big enough to assemble a full form: for each domain two
/// approved MCQs more than the default blueprint asks, essays for every track, and a rubric per essay set.
/// Commands run in-process with the folder as their current directory.
/// </summary>
public sealed class CliBank : IDisposable
{
    public CliBank()
    {
        Work = Path.Combine(Path.GetTempPath(), "exam-cli-tests", Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "items", "rubrics", "forms" }) Directory.CreateDirectory(Path.Combine(Work, "bank", folder));
        File.Copy(ShippedBlueprintPath, Path.Combine(Work, "bank", "blueprint.yaml"));
        var n = 0;
        foreach (var (domain, count) in DefaultBlueprint.Counts)
        {
            for (var i = 1; i <= count + 2; i++, n++)
            {
                var content = Mcq($"{Prefix(domain)}-{i:000}", domain, "ABCD"[n % 4].ToString(), $"writer-{n % 3}");
                WriteItem(new ItemDocument(content, ItemStatus.Approved, ["committee-chair"]));
            }
        }
        WriteItem(new ItemDocument(Mcq("tf-900", "theoretical-foundations", "A", "writer-1"), ItemStatus.InReview, []));
        var essays = new (string Id, EssaySet Set, Level Level, Designation Designation)[]
        {
            ("es-clin-01", EssaySet.Clinical, Level.Both, Designation.C),
            ("es-clin-02", EssaySet.Clinical, Level.Both, Designation.C),
            ("es-clin-03", EssaySet.Clinical, Level.Both, Designation.C),
            ("es-sup-01", EssaySet.Supervisory, Level.IV, Designation.C),
            ("es-pol-01", EssaySet.Policy, Level.IV, Designation.P),
            ("es-pol-02", EssaySet.Policy, Level.IV, Designation.P),
            ("es-teach-01", EssaySet.Teaching, Level.IV, Designation.RF),
            ("es-res-01", EssaySet.Research, Level.IV, Designation.RF),
        };
        foreach (var e in essays)
            WriteItem(new ItemDocument(Essay(e.Id, e.Set, e.Level, e.Designation), ItemStatus.Approved, ["committee-chair"]));
        foreach (var set in Enum.GetValues<EssaySet>())
        {
            var rubric = new Rubric
            {
                Id = RubricFor(set),
                Title = $"{ItemBankCodes.Code(set)} rubric",
                EssaySet = set,
                Criteria = [new("quality", "Quality of the answer", ["thinking"], ["None.", "Some.", "Most.", "All."])],
                Notes = "Notes for raters.",
            };
            File.WriteAllText(Path.Combine(Work, "bank", "rubrics", $"{rubric.Id}.md"), ItemBankWriter.WriteRubric(new RubricDocument(rubric, ItemStatus.Approved, "item-writer-6", ["committee-chair"])));
        }
    }

    public string Work { get; }

    /// <summary>The repository's itembank/blueprint.yaml, which every bank here is checked against.</summary>
    public static string ShippedBlueprintPath { get; } = FindShipped();

    /// <summary>The default Part One of the shipped blueprint.</summary>
    public static ItemBlueprint DefaultBlueprint { get; } =
        BankBlueprintParser.ParseText(File.ReadAllText(ShippedBlueprintPath)).Blueprint!.PartOne.Blueprint;

    private static string FindShipped()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) return Path.Combine(dir.FullName, "itembank", "blueprint.yaml");
        throw new InvalidOperationException("Exam.sln not found above " + AppContext.BaseDirectory);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public string PathOf(string relative) => Path.Combine(Work, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Edit(string relative, string find, string replace)
    {
        var text = Read(relative);
        Assert.Contains(find, text);
        File.WriteAllText(PathOf(relative), text.Replace(find, replace, StringComparison.Ordinal));
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(Work, name => environment?.GetValueOrDefault(name), Clock, "tester");
        var exit = await ExamCli.RunAsync(args, output, error, context);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (exit, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    public Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, args);

    public static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);

    /// <summary>
    /// Creates the staff accounts an import needs in a database (migrating it first): "chair", who imports, and
    /// "committee-chair", the committee member the bank's files name as reviewer.
    /// </summary>
    public async Task AddAccountsAsync(string database = "data/exam.db")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(database))!);
        using var db = new Exam.Data.Database.Db(new Exam.Data.Database.DatabaseOptions
        {
            Provider = Exam.Data.Database.DatabaseProvider.Sqlite, SqlitePath = PathOf(database),
        });
        await new Exam.Data.Database.Migrator(db).MigrateAsync();
        var staff = new Exam.Data.Accounts.StaffAccountStore(Clock);
        await using (var s = await db.BeginAsync())
        {
            await staff.CreateAsync(s, "chair", "Chair", "not-a-password-hash", [Exam.Core.Accounts.Roles.Admin]);
            await staff.CreateAsync(s, "committee-chair", "Committee Chair", "not-a-password-hash", [Exam.Core.Accounts.Roles.Committee]);
            await s.CommitAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Adds an approved MCQ of the given level.</summary>
    public void AddMcq(string id, string domain, Level level) =>
        WriteItem(new ItemDocument(Mcq(id, domain, "A", "writer-9") with { Level = level }, ItemStatus.Approved, ["committee-chair"]));

    private void WriteItem(ItemDocument doc) =>
        File.WriteAllText(Path.Combine(Work, "bank", "items", $"{doc.Content.Id}.md"), ItemBankWriter.WriteItem(doc));

    private static string Prefix(string domain) => string.Concat(domain.Split('-').Select(p => p[0])) + "x";

    private static string RubricFor(EssaySet set) => ItemBankCodes.Code(set).ToLowerInvariant() + "-rubric";

    private static ItemContent Mcq(string id, string domain, string key, string author) => new()
    {
        Id = id,
        Type = ItemType.Mcq,
        Level = Level.Both,
        Designation = Designation.A,
        Domains = [domain],
        Author = author,
        References = ["A reference (2020)."],
        Key = key,
        Options = [new("A", "First", "Why A."), new("B", "Second", "Why B."), new("C", "Third", "Why C."), new("D", "Fourth", "Why D.")],
        Body = $"Stem of {id}?",
    };

    private static ItemContent Essay(string id, EssaySet set, Level level, Designation designation) => new()
    {
        Id = id,
        Type = ItemType.Essay,
        Level = level,
        Designation = designation,
        Domains = ["reflection"],
        Author = "writer-6",
        EssaySet = set,
        Rubric = RubricFor(set),
        Body = $"Prompt of {id}.",
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
