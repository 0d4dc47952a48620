using System.Text.Json;
using Exam.Core.ItemBank;
using Exam.Data.Audit;

namespace Exam.Web.Committee;

/// <summary>Small pieces of text the committee's pages share.</summary>
public static class CommitteeText
{
    /// <summary>The start of a Markdown body as one line of plain text, for lists (never rendered as HTML).</summary>
    public static string Snippet(string body, int length = 110)
    {
        var text = string.Join(' ', body.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An audit line of an item, rubric or form in words.</summary>
    public static string Describe(AuditRecord a)
    {
        var before = Scalars(a.BeforeJson);
        var after = Scalars(a.AfterJson);
        string Get(Dictionary<string, string> d, string key) => d.GetValueOrDefault(key, "?");
        return a.Action switch
        {
            ItemBankAuditActions.ItemVersionCreated or ItemBankAuditActions.RubricVersionCreated => $"New version {Get(after, "versionNo")} ({Get(after, "status")})" +
                (before.ContainsKey("versionNo") ? $", from version {Get(before, "versionNo")}" : ""),
            ItemBankAuditActions.ItemStatusChanged or ItemBankAuditActions.RubricStatusChanged => $"Status {Get(before, "status")} to {Get(after, "status")} (version {Get(after, "version")})",
            ItemBankAuditActions.ItemEnemiesChanged => "Enemies changed",
            ItemBankAuditActions.ItemReviewed or ItemBankAuditActions.RubricReviewed => $"Review: {Get(after, "decision")} (version {Get(after, "version")})",
            ItemBankAuditActions.FormCreated => "Form created",
            ItemBankAuditActions.FormUpdated => "Form changed",
            ItemBankAuditActions.FormStatusChanged => $"Status {Get(before, "status")} to {Get(after, "status")}",
            CommitteeAuditActions.FormAssembled => "Part One assembled",
            CommitteeAuditActions.FormItemSwapped => $"Position {Get(after, "position")}: {Get(before, "item")} swapped for {Get(after, "item")}",
            _ => a.Action,
        };
    }

    private static Dictionary<string, string> Scalars(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return values;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind is JsonValueKind.String) values[p.Name] = p.Value.GetString()!;
                else if (p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) values[p.Name] = p.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            // an entry written by hand or by an older version: show the action alone
        }
        return values;
    }
}
