using Exam.Core;
using Exam.Data.Database;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Exam.Data.Tests.SqlServer;

/// <summary>
/// One source for every length: every NVARCHAR(n) column the SQL Server migrations leave behind is either held to the
/// FieldLimits constant the app validates that field with (limit ≤ n), or bounded some other way that is written here.
/// SQLite stores any length, so only this test stands between an unchecked field and an error on SQL Server.
/// </summary>
public sealed class ColumnLengthTests
{
    private sealed record Bound(int? Limit, string? Because);

    private static Bound Limit(int limit) => new(limit, null);
    private static Bound Because(string reason) => new(null, reason);

    private static readonly Bound Actor = Limit(FieldLimits.UserName); // a staff user name, a candidate number or "system"
    private static readonly Bound BankId = Limit(FieldLimits.BankId);
    private static readonly Bound Code = Because("a code the app writes from constants, also held by a CHECK constraint or a switch");
    private static readonly Bound Session = Because("a session id the app makes (a GUID, 32 characters)");

    private static readonly Dictionary<string, Bound> Columns = new(StringComparer.Ordinal)
    {
        ["staff_users.user_name"] = Limit(FieldLimits.UserName),
        ["staff_users.user_name_key"] = Limit(FieldLimits.UserName), // folding never lengthens
        ["staff_users.display_name"] = Limit(FieldLimits.DisplayName),
        ["staff_users.password_hash"] = Because("PasswordHasher<T> output: about 84 base64 characters"),
        ["staff_roles.role"] = Because("a Roles constant; StaffAccountStore refuses any other"),
        ["candidates.candidate_number"] = Limit(FieldLimits.CandidateNumber),
        ["candidates.full_name"] = Limit(FieldLimits.PersonName),
        ["candidates.full_name_folded"] = Limit(FieldLimits.PersonName),
        ["candidates.email"] = Limit(FieldLimits.Email),
        ["candidates.association"] = Limit(FieldLimits.Association),
        ["candidates.association_folded"] = Limit(FieldLimits.Association),
        ["candidates.track"] = Because("a track id of blueprint.yaml (BankBlueprintParser.TrackIdLimit, 20); CandidateRecords.Check refuses any other"),
        ["access_codes.code_hash"] = Because("AccessCodeHasher: HMAC-SHA256 in hex, 64 characters"),
        ["audit_log.actor"] = Limit(FieldLimits.AuditActor),
        ["audit_log.action"] = Code,
        ["audit_log.subject_type"] = Code,
        ["audit_log.subject_id"] = Because("a numeric id, or an item bank id (FieldLimits.BankId)"),
        ["items.id"] = BankId,
        ["items.type"] = Code,
        ["item_versions.item_id"] = BankId,
        ["item_versions.content_hash"] = Because("SHA-256 in hex, 64 characters"),
        ["item_versions.status"] = Code,
        ["item_versions.author"] = Limit(FieldLimits.BankPerson),
        ["item_reviews.reviewer"] = Limit(FieldLimits.BankPerson),
        ["item_reviews.decision"] = Code,
        ["item_enemies.item_id"] = BankId,
        ["item_enemies.enemy_id"] = BankId,
        ["rubric_versions.rubric_id"] = BankId,
        ["rubric_versions.content_hash"] = Because("SHA-256 in hex, 64 characters"),
        ["rubric_versions.status"] = Code,
        ["rubric_versions.author"] = Limit(FieldLimits.BankPerson),
        ["rubric_reviews.reviewer"] = Limit(FieldLimits.BankPerson),
        ["rubric_reviews.decision"] = Code,
        ["forms.id"] = BankId,
        ["forms.title"] = Limit(FieldLimits.FormTitle),
        ["forms.status"] = Code,
        ["forms.published_by"] = Actor,
        ["form_items.form_id"] = BankId,
        ["form_essays.form_id"] = BankId,
        ["form_essays.track"] = Because("a track id of blueprint.yaml (BankBlueprintParser.TrackIdLimit, 20)"),
        ["bank_blueprints.created_by"] = Actor,
        ["form_essays.essay_set"] = Code,
        ["sittings.title"] = Limit(FieldLimits.SittingTitle),
        ["sittings.form_id"] = BankId,
        ["sittings.location"] = Limit(FieldLimits.Location),
        ["sittings.time_zone"] = Limit(FieldLimits.TimeZoneId),
        ["registrations.rest_breaks"] = Limit(FieldLimits.RestBreaks),
        ["registrations.retake_override"] = Limit(FieldLimits.RetakeOverrideReason),
        ["attempts.status"] = Code,
        ["attempts.session_id"] = Session,
        ["attempts.pending_session_id"] = Session,
        ["attempts.replaced_session_id"] = Session,
        ["attempts.admitted_by"] = Actor,
        ["attempts.end_reason"] = Limit(FieldLimits.ProctorNote), // a void reason, or a submission reason code
        ["attempt_parts.submit_reason"] = Code,
        ["attempt_parts.receipt_code"] = Because("\"R-\" and a formatted access code, 11 characters"),
        ["mc_answers.option_id"] = Because("one letter A to D, from the attempt's option order"),
        ["scoring_keys.form_id"] = BankId,
        ["scoring_keys.reason"] = Limit(FieldLimits.KeyCorrectionReason),
        ["scoring_keys.created_by"] = Actor,
        ["standard_setting_studies.form_id"] = BankId,
        ["standard_setting_studies.title"] = Limit(FieldLimits.StudyTitle),
        ["standard_setting_studies.mcc_description"] = Limit(FieldLimits.CandidateDescription),
        ["standard_setting_studies.stage"] = Code,
        ["standard_setting_studies.created_by"] = Actor,
        ["standard_setting_studies.adopted_by"] = Actor,
        ["standard_setting_studies.adoption_reason"] = Limit(FieldLimits.KeyCorrectionReason), // also the key version's reason
        ["standard_setting_panelists.user_name"] = Limit(FieldLimits.UserName),
        ["standard_setting_panelists.invited_by"] = Actor,
        ["standard_setting_ratings.user_name"] = Limit(FieldLimits.UserName),
        ["proctor_events.kind"] = Code,
        ["proctor_events.category"] = Code,
        ["proctor_events.note"] = Limit(FieldLimits.ProctorNote),
        ["proctor_events.actor"] = Actor,
        ["rest_breaks.started_by"] = Actor,
        ["rest_breaks.ended_by"] = Actor,
        ["rater_sets.essay_set"] = Code,
        ["rater_sets.assigned_by"] = Actor,
        ["rater_conflicts.kind"] = Code,
        ["rater_conflicts.value"] = Limit(FieldLimits.ConflictValue),
        ["rating_windows.opened_by"] = Actor,
        ["rating_windows.closed_by"] = Actor,
        ["rater_conflict_requests.action"] = Code,
        ["rater_conflict_requests.kind"] = Code,
        ["rater_conflict_requests.value"] = Limit(FieldLimits.ConflictValue),
        ["rater_conflict_requests.status"] = Code,
        ["rater_conflict_requests.decided_by"] = Actor,
        ["rating_responses.code"] = Because("\"E-\" and eight random characters (RatingIntake.NewCode)"),
        ["rating_responses.essay_set"] = Code,
        ["rating_responses.form_id"] = BankId,
        ["rating_responses.status"] = Code,
        ["rating_tasks.essay_set"] = Code,
        ["rating_tasks.status"] = Code,
        ["validity_papers.title"] = Limit(FieldLimits.ValidityTitle),
        ["validity_papers.origin"] = Code,
        ["validity_papers.form_id"] = BankId,
        ["validity_papers.essay_set"] = Code,
        ["validity_papers.created_by"] = Actor,
        ["validity_paper_versions.rationale"] = Limit(FieldLimits.ValidityRationale),
        ["validity_paper_versions.saved_by"] = Actor,
        ["qualification_sets.essay_set"] = Code,
        ["qualification_sets.title"] = Limit(FieldLimits.ValidityTitle),
        ["qualification_sets.created_by"] = Actor,
        ["qualification_attempts.status"] = Code,
        ["validity_reads.code"] = Because("\"E-\" and eight random characters (RatingIntake.NewCode), or \"Q-\" and eight"),
        ["validity_reads.kind"] = Code,
        ["validity_reads.essay_set"] = Code,
        ["validity_reads.status"] = Code,
        ["rater_qualifications.essay_set"] = Code,
        ["rater_suspensions.reason"] = Limit(FieldLimits.SuspensionReason),
        ["rater_suspensions.suspended_by"] = Actor,
        ["rater_suspensions.lifted_by"] = Actor,
        ["exam_results.form_id"] = BankId,
        ["exam_results.released_by"] = Actor,
        ["feedback_reviews.reviewed_by"] = Actor,
        ["startup_claims.name"] = Because("a start-up task's constant name (DemoSeeder.SeedTask)"),
        ["startup_claims.claimed_by"] = Because("machine name, process id and a GUID, made by the claiming node"),
        ["session_ends.principal_kind"] = Code,
        ["session_ends.sign_in_id"] = Because("a sign-in id the app makes (a GUID, 32 characters)"),
        ["session_ends.device_session"] = Session,
        ["session_ends.reason"] = Code,
        ["sign_in_address_failures.address"] = Because("AddressThrottle.KeyFor: an IP address (at most 45 characters) or an IPv6 /64"),
        ["sign_in_unknown_names.name_hash"] = Because("SHA-256 in hex, 64 characters"),
    };

    /// <summary>Every bounded NVARCHAR column as the migrations leave it ("table.column" → n), later ALTERs winning.</summary>
    private static Dictionary<string, int> MigratedColumns()
    {
        var visitor = new ColumnSizes();
        foreach (var script in Migrator.ScriptsFor(DatabaseProvider.SqlServer))
            foreach (var batch in Migrator.Batches(script.Sql))
            {
                var fragment = new TSql160Parser(true).Parse(new StringReader(batch), out var errors);
                Assert.Empty(errors);
                fragment.Accept(visitor);
            }
        return visitor.Sizes;
    }

    [Fact]
    public void The_migrations_have_bounded_text_columns_to_check() => Assert.True(MigratedColumns().Count >= 60);

    [Fact]
    public void Every_bounded_text_column_is_held_to_the_apps_limit_for_its_field_or_says_why_not()
    {
        var problems = new List<string>();
        foreach (var (column, size) in MigratedColumns().OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!Columns.TryGetValue(column, out var bound))
                problems.Add($"{column} NVARCHAR({size}): add it to ColumnLengthTests with the FieldLimits constant its field is validated by");
            else if (bound.Limit is { } limit && limit > size)
                problems.Add($"{column} NVARCHAR({size}): the app lets through {limit} characters");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_column_listed_here_exists() =>
        Assert.Empty(Columns.Keys.Except(MigratedColumns().Keys, StringComparer.Ordinal));

    [Fact]
    public void The_void_reason_fits_since_the_column_was_widened() =>
        Assert.Equal(FieldLimits.ProctorNote, MigratedColumns()["attempts.end_reason"]);

    private sealed class ColumnSizes : TSqlFragmentVisitor
    {
        public Dictionary<string, int> Sizes { get; } = new(StringComparer.Ordinal);

        public override void Visit(CreateTableStatement node) => Add(node.SchemaObjectName, node.Definition.ColumnDefinitions);

        public override void Visit(AlterTableAddTableElementStatement node) => Add(node.SchemaObjectName, node.Definition.ColumnDefinitions);

        public override void Visit(AlterTableAlterColumnStatement node) => Set(node.SchemaObjectName, node.ColumnIdentifier, node.DataType);

        private void Add(SchemaObjectName table, IEnumerable<ColumnDefinition> columns)
        {
            foreach (var c in columns) Set(table, c.ColumnIdentifier, c.DataType);
        }

        private void Set(SchemaObjectName table, Identifier column, DataTypeReference? type)
        {
            var key = $"{table.BaseIdentifier.Value}.{column.Value}";
            if (type is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char } t
                && t.Parameters is [IntegerLiteral size])
                Sizes[key] = int.Parse(size.Value);
            else
                Sizes.Remove(key); // MAX, or no longer text
        }
    }
}
