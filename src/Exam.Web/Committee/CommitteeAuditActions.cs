namespace Exam.Web.Committee;

/// <summary>
/// Audit action names the committee's pages add to those of the item bank (<see cref="Core.ItemBank.ItemBankAuditActions"/>):
/// the form steps that are more than a plain update.
/// </summary>
public static class CommitteeAuditActions
{
    public const string FormAssembled = "form.assembled";
    public const string FormItemSwapped = "form.item-swapped";
}
