using Exam.Data.Database;

namespace Exam.Web.Rating;

/// <summary>The delivery side's one hook into rating: called inside the transaction that closes Part Two.</summary>
public interface IPartTwoSubmitted
{
    Task PartTwoSubmittedAsync(DbSession s, long attemptId, string actor, DateTimeOffset at, CancellationToken ct = default);
}
