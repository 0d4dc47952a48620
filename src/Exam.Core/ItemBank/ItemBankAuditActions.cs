namespace Exam.Core.ItemBank;

/// <summary>Audit action names of the item bank (kept apart from <see cref="Audit.AuditActions"/> so features own their names).</summary>
public static class ItemBankAuditActions
{
    public const string ItemVersionCreated = "item.version-created";
    public const string ItemStatusChanged = "item.status-changed";
    public const string ItemReviewed = "item.reviewed";
    public const string ItemEnemiesChanged = "item.enemies-changed";
    public const string RubricVersionCreated = "rubric.version-created";
    public const string RubricStatusChanged = "rubric.status-changed";
    public const string RubricReviewed = "rubric.reviewed";
    public const string FormCreated = "form.created";
    public const string FormUpdated = "form.updated";
    public const string FormStatusChanged = "form.status-changed";
    public const string BlueprintChanged = "blueprint.changed";
    public const string BankImported = "itembank.imported";
}
