using System.Security.Cryptography;
using Exam.Core.Accounts;
using Exam.Core.Delivery;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Scheduling;

namespace Exam.Perf.Bench;

/// <summary>A candidate registered for the demo sitting, with the access code printed on their letter.</summary>
public sealed record Seat(long CandidateId, long RegistrationId, string CandidateNumber, string AccessCode);

/// <summary>What a client got a 200 for, per question: the change's sequence, the slot it chose and the flag.</summary>
public sealed record AckedMc(long Seq, int? Slot, bool Flagged);

/// <summary>What a client got a 200 for, per essay.</summary>
public sealed record AckedEssay(long Seq, bool Chosen, string Body);

/// <summary>One acknowledged change the database does not hold (or holds an older value of).</summary>
public sealed record Loss(string CandidateNumber, string What, string Expected, string Found);

/// <summary>
/// Seats candidates straight into the SQLite file with the stores the server uses (the access code hashed under
/// the server's key file), and audits acknowledged saves against the file afterwards.
/// </summary>
public static class BenchSeats
{
    private static readonly string[] Letters = ["A", "B", "C", "D"];
    internal const string DemoFormId = "demo-2027";

    /// <summary>The server's access-code key beside the database; made here first when the server has not yet made it.</summary>
    public static byte[] AccessCodeKey(string sqlitePath)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlitePath))!, "access-code.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path)) { }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary>Registers <paramref name="count"/> new IMHS candidates for both parts of the open demo sitting (the server must have seeded it).</summary>
    public static async Task<IReadOnlyList<Seat>> SeatAsync(string sqlitePath, int count, CancellationToken ct = default)
    {
        var db = Open(sqlitePath);
        var clock = TimeProvider.System;
        var candidates = new CandidateStore(clock);
        var registrations = new RegistrationStore(clock);
        var sittings = new SittingStore(clock);
        var hasher = new AccessCodeHasher(AccessCodeKey(sqlitePath));
        var now = clock.GetUtcNow();
        var seats = new List<Seat>(count);
        await using var s = await db.BeginAsync(ct: ct);
        var sitting = (await sittings.ListAsync(s, ct)).FirstOrDefault(x => x.FormId == DemoFormId && x.IsOpenAt(now) && !x.RequiresAdmission)
            ?? throw new InvalidOperationException($"No open sitting of {DemoFormId} without admission: start the server once in Development so it seeds the demo.");
        for (var i = 0; i < count; i++)
        {
            var number = await candidates.NextCandidateNumberAsync(s, ct);
            var id = await candidates.CreateAsync(s, number, $"Bench Candidate {number}", $"bench{number}@example.org",
                "Bench Association for Infant Mental Health", "IMHS", "exam bench", ct);
            var registration = new Registration { CandidateId = id, SittingId = sitting.Id, SitPartOne = true, SitPartTwo = true };
            registration = registration with { Id = await registrations.CreateAsync(s, registration, ct) };
            var code = AccessCode.Generate();
            await registrations.IssueAccessCodeAsync(s, registration, hasher.Hash(AccessCode.Normalize(code)!), sitting.OpensAt, sitting.ClosesAt, ct);
            seats.Add(new Seat(id, registration.Id, number, code));
        }
        await s.CommitAsync(ct);
        return seats;
    }

    /// <summary>
    /// Every acknowledged save must be in the file with at least the acknowledged sequence, and with the acknowledged
    /// value when the sequence is the same (a later change may only be one the client also made).
    /// </summary>
    public static async Task<IReadOnlyList<Loss>> AuditAsync(
        string sqlitePath, IEnumerable<(Seat Seat, IReadOnlyDictionary<int, AckedMc> Mc, IReadOnlyDictionary<long, AckedEssay> Essays)> acked,
        CancellationToken ct = default)
    {
        var db = Open(sqlitePath);
        var attempts = new AttemptStore(TimeProvider.System);
        var answers = new AnswerStore();
        var losses = new List<Loss>();
        await using var s = await db.OpenAsync(ct);
        foreach (var (seat, mc, essays) in acked)
        {
            if (mc.Count == 0 && essays.Count == 0) continue;
            var attemptId = await attempts.IdForRegistrationAsync(s, seat.RegistrationId, ct);
            if (attemptId is null || await attempts.GetAsync(s, attemptId.Value, ct) is not var (attempt, _))
            {
                losses.Add(new Loss(seat.CandidateNumber, "attempt", "an attempt", "none"));
                continue;
            }
            var (storedMc, storedEssays) = await answers.LoadAsync(s, attempt.Id, ct);
            var mcByPosition = storedMc.ToDictionary(a => a.Position);
            foreach (var (position, ack) in mc)
            {
                var expectedLetter = ack.Slot is { } slot ? OptionOrder.Shuffle(Letters, attempt.Seed, position)[slot - 1] : null;
                var what = $"question {position}";
                var expected = $"seq {ack.Seq}: {expectedLetter ?? "none"}{(ack.Flagged ? ", flagged" : "")}";
                if (!mcByPosition.TryGetValue(position, out var row))
                    losses.Add(new Loss(seat.CandidateNumber, what, expected, "no row"));
                else if (row.Seq < ack.Seq || (row.Seq == ack.Seq && (row.OptionId != expectedLetter || row.Flagged != ack.Flagged)))
                    losses.Add(new Loss(seat.CandidateNumber, what, expected, $"seq {row.Seq}: {row.OptionId ?? "none"}{(row.Flagged ? ", flagged" : "")}"));
            }
            var essayById = storedEssays.ToDictionary(e => e.ItemVersionId);
            foreach (var (itemVersionId, ack) in essays)
            {
                var what = $"essay {itemVersionId}";
                var expected = $"seq {ack.Seq}: {ack.Body.Length} chars{(ack.Chosen ? ", chosen" : "")}";
                if (!essayById.TryGetValue(itemVersionId, out var row))
                    losses.Add(new Loss(seat.CandidateNumber, what, expected, "no row"));
                else if (row.Seq < ack.Seq || (row.Seq == ack.Seq && (row.Body != ack.Body || row.Chosen != ack.Chosen)))
                    losses.Add(new Loss(seat.CandidateNumber, what, expected, $"seq {row.Seq}: {row.Body.Length} chars{(row.Chosen ? ", chosen" : "")}"));
            }
        }
        return losses;
    }

    private static Db Open(string sqlitePath) =>
        new(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = Path.GetFullPath(sqlitePath) });
}
