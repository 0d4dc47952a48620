namespace Exam.ItemBank.Files;

/// <summary>Reads an item bank folder: <c>blueprint.yaml</c>, <c>items/*.md</c>, <c>rubrics/*.md</c>, <c>forms/*.yaml</c>. Paths stay relative as given.</summary>
public static class ItemBankReader
{
    public const string ItemsFolder = "items";
    public const string RubricsFolder = "rubrics";
    public const string FormsFolder = "forms";

    public static BankFiles Read(string root)
    {
        var bank = new BankFiles { Root = root };
        var blueprintPath = Path.Join(root, BankBlueprintParser.FileName);
        if (File.Exists(blueprintPath))
            bank.Blueprint = BankBlueprintParser.Parse(blueprintPath, File.ReadAllText(blueprintPath), bank.Problems);
        else
            bank.Problems.Add(new LintProblem(blueprintPath, 1,
                "the bank has no blueprint.yaml: it names the competency domains, the tracks and the default Part One"));
        foreach (var path in FilesIn(root, ItemsFolder, ".md"))
            bank.Items.Add(ItemFileParser.Parse(path, File.ReadAllText(path), bank.Problems));
        foreach (var path in FilesIn(root, RubricsFolder, ".md"))
            bank.Rubrics.Add(RubricFileParser.Parse(path, File.ReadAllText(path), bank.Problems));
        foreach (var path in FilesIn(root, FormsFolder, ".yaml"))
            bank.Forms.Add(FormFileParser.Parse(path, File.ReadAllText(path), bank.Problems));
        return bank;
    }

    /// <summary>The path of a file in the bank, as reports print it: joined onto the root as given.</summary>
    public static string PathOf(string root, string folder, string fileName) => Path.Join(root, folder, fileName);

    private static IEnumerable<string> FilesIn(string root, string folder, string extension)
    {
        var dir = Path.Join(root, folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Where(n => n!.EndsWith(extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => PathOf(root, folder, n!));
    }
}
