namespace Exam.Web.Demo;

/// <summary>Where the itembank/ folder is: configured (<c>ItemBank:Path</c>), else the nearest one above the app.</summary>
public static class ItemBankLocation
{
    public static string Find(IConfiguration config, string contentRoot)
    {
        if (config["ItemBank:Path"] is { Length: > 0 } configured) return Path.GetFullPath(configured, contentRoot);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "itembank");
            if (File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
        }
        throw new InvalidOperationException("No itembank/ folder found above " + contentRoot + "; set ItemBank:Path.");
    }
}
