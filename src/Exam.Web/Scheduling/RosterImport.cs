using System.Globalization;
using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Scheduling;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>A registration an import made, with its access code in plain text (to print once, never stored).</summary>
public sealed record ImportedRegistration(int Line, long RegistrationId, string CandidateNumber, string FullName, string AccessCode);

/// <summary>What an import did: every registration made, or every problem found (by line) and nothing made.</summary>
public sealed record RosterImportOutcome(IReadOnlyList<ImportedRegistration> Registered, IReadOnlyList<string> Errors)
{
    public static RosterImportOutcome Refused(IReadOnlyList<string> errors) => new([], errors);
}

/// <summary>
/// Registers a pasted roster for a sitting: all lines or none. New candidates get a record; every line is registered by
/// the rules of a single registration and gets its access code; all of it in one transaction with its audit lines.
/// </summary>
public sealed class RosterImport(
    Db db, CandidateStore candidates, CandidateRecords records, RegistrationService registrations, SittingStore sittings, AuditLog audit,
    Committee.BankBlueprintSource blueprints)
{
    public async Task<RosterImportOutcome> ImportAsync(string actor, bool actorIsAdmin, long sittingId, string? text, CancellationToken ct = default)
    {
        var paste = RosterPaste.Read(text);
        if (paste.Errors.Count > 0) return RosterImportOutcome.Refused(paste.Errors);
        var bank = await blueprints.CurrentAsync(ct);
        var errors = paste.Lines.Where(l => l.CandidateNumber is null)
            .Select(l => CandidateRecords.Check(Input(l), bank) is { } e ? $"Line {l.Line}: {e}" : null).OfType<string>().ToList();
        if (errors.Count > 0) return RosterImportOutcome.Refused(errors);

        await using var s = await db.BeginAsync(ct: ct);
        var sitting = await sittings.GetAsync(s, sittingId, ct);
        if (sitting is null) return RosterImportOutcome.Refused(["No such sitting."]);
        // Candidates on record are locked in number order before anything else, so two imports that share candidates
        // take turns instead of deadlocking.
        var known = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var number in paste.Lines.Select(l => l.CandidateNumber).OfType<string>().Order(StringComparer.Ordinal))
            if (await candidates.FindForUpdateAsync(s, number, ct) is { } c) known[number] = c;

        var registered = new List<ImportedRegistration>();
        var created = new List<string>();
        foreach (var line in paste.Lines)
        {
            long candidateId;
            string candidateNumber, fullName;
            if (line.CandidateNumber is { } number)
            {
                if (!known.TryGetValue(number, out var c)) { errors.Add($"Line {line.Line}: no candidate has the number {number}."); continue; }
                (candidateId, candidateNumber, fullName) = (c.Id, c.CandidateNumber, c.FullName);
            }
            else
            {
                var input = Input(line);
                if (await candidates.FindByEmailAsync(s, input.Email!, ct) is { } same)
                {
                    errors.Add($"Line {line.Line}: {input.Email} is the email of candidate {same.CandidateNumber} ({same.FullName}). " +
                               $"To register that record, put {same.CandidateNumber} on this line instead.");
                    continue;
                }
                (candidateId, candidateNumber) = await records.CreateInAsync(s, actor, input, ct);
                fullName = input.FullName!;
                created.Add(candidateNumber);
            }
            var outcome = await registrations.RegisterInAsync(s, actor, actorIsAdmin,
                new RegistrationInput(candidateId, sitting.Id, line.PartOne, line.PartTwo, 0, 0, null, null), ct);
            if (outcome.RegistrationId is not { } id)
            {
                errors.Add($"Line {line.Line}: {outcome.Error}" + (outcome.RetakeRefused ? " Register this candidate from their record instead." : ""));
                continue;
            }
            registered.Add(new ImportedRegistration(line.Line, id, candidateNumber, fullName, outcome.AccessCode!));
        }
        // Not committed: nothing of a paste with a bad line stays, not even the records of its good lines.
        if (errors.Count > 0) return RosterImportOutcome.Refused(errors);

        await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.RosterImported, "sitting", sitting.Id.ToString(CultureInfo.InvariantCulture),
            AfterJson: JsonSerializer.Serialize(new
            {
                registrations = registered.Count, candidateNumbers = registered.Select(r => r.CandidateNumber), newRecords = created,
            }, JsonOptions)), ct);
        await s.CommitAsync(ct);
        return new RosterImportOutcome(registered, []);
    }

    private static CandidateInput Input(RosterLine l) => new CandidateInput(l.FullName, l.Email, l.Association, l.Track, null).Normalized();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
