using System.Reflection;
using Exam.Data.Database;

namespace Exam.Data.Tests.SqlServer;

/// <summary>SQL Server can't run here, so every SQL text of the SQL Server path is checked statically.</summary>
public sealed class SqlServerDialectTests
{
    public static TheoryData<string> Migrations()
    {
        var data = new TheoryData<string>();
        foreach (var s in Migrator.ScriptsFor(DatabaseProvider.SqlServer)) data.Add(s.Name);
        return data;
    }

    /// <summary>Every static SqlStatement field in Exam.Data, by "Type.Field".</summary>
    public static TheoryData<string> Statements()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in AllStatements()) data.Add(name);
        return data;
    }

    private static IEnumerable<(string Name, SqlStatement Statement)> AllStatements() =>
        typeof(Db).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(SqlStatement))
                .Select(f => ($"{t.Name}.{f.Name}", (SqlStatement)f.GetValue(null)!)));

    [Fact]
    public void Both_providers_have_the_same_migrations() =>
        Assert.Equal(
            Migrator.ScriptsFor(DatabaseProvider.Sqlite).Select(s => s.Name),
            Migrator.ScriptsFor(DatabaseProvider.SqlServer).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Migrations))]
    public void Every_SQL_Server_migration_is_valid_TSQL(string name)
    {
        var script = Migrator.ScriptsFor(DatabaseProvider.SqlServer).Single(s => s.Name == name);
        foreach (var batch in Migrator.Batches(script.Sql)) Assert.Empty(TSqlChecker.Problems(batch));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_statement_the_SQL_Server_dialect_sends_is_valid_TSQL(string name)
    {
        var sql = AllStatements().Single(s => s.Name == name).Statement.For(SqlServerDialect.Instance);
        Assert.Empty(TSqlChecker.Problems(sql));
    }

    [Fact]
    public void The_compose_init_script_that_makes_the_database_and_its_login_is_valid_TSQL()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) dir = dir.Parent;
        var script = File.ReadAllText(Path.Combine(dir!.FullName, "deploy", "sqlserver-init.sql"));
        foreach (var batch in Migrator.Batches(script)) Assert.Empty(TSqlChecker.Problems(batch));
    }

    [Fact]
    public void There_are_statements_to_check() => Assert.True(AllStatements().Count() >= 10);

    [Fact]
    public void The_dialect_helpers_produce_valid_TSQL()
    {
        var d = SqlServerDialect.Instance;
        Assert.Empty(TSqlChecker.Problems(d.InsertReturningId("INSERT INTO t (a) VALUES (@A)")));
        Assert.Empty(TSqlChecker.Problems(d.Page("SELECT a FROM t ORDER BY a")));
        Assert.Empty(TSqlChecker.Problems(d.Upsert("t", ["tenant_id", "key_name"], ["value_text"])));
        Assert.Empty(TSqlChecker.Problems($"SELECT {d.UtcNow};"));
    }

    [Fact]
    public void The_migrators_own_SQL_Server_texts_are_valid_TSQL()
    {
        Assert.Empty(TSqlChecker.Problems(Migrator.AcquireLockSql));
        Assert.Empty(TSqlChecker.Problems(Migrator.ReleaseLockSql));
        Assert.Empty(TSqlChecker.Problems(Migrator.VersionTableSql));
        Assert.Empty(TSqlChecker.Problems(Migrator.CreateDatabaseSql));
        foreach (var kind in Enum.GetValues<ReadLock>())
            Assert.Empty(TSqlChecker.Problems($"SELECT id FROM attempts a{SqlServerDialect.Instance.Lock(kind)} WHERE a.id = 1;"));
        Assert.Empty(TSqlChecker.Problems($"SELECT 1 WHERE {SqlServerDialect.Instance.Exact("N'a'")} = N'a';"));
        Assert.Empty(TSqlChecker.Problems($"SELECT 1 FROM candidates WHERE {SqlServerDialect.Instance.LikeIgnoringCase("full_name", "@Pattern")};"));
    }

    [Fact]
    public void The_migration_lock_result_is_checked_and_every_failure_has_its_own_message()
    {
        Assert.Contains("EXEC @result = sp_getapplock", Migrator.AcquireLockSql);
        Assert.Contains("SELECT @result", Migrator.AcquireLockSql);
        Assert.Equal(4, new[] { -1, -2, -3, -999 }.Select(Migrator.LockFailure).Distinct().Count());
    }

    [Fact]
    public void Only_scripts_marked_no_transaction_alter_the_database_and_only_SQL_Servers_read_committed_snapshot_script_is_one()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            foreach (var script in Migrator.ScriptsFor(provider))
            {
                var altersDatabase = script.Sql.Contains("ALTER DATABASE", StringComparison.OrdinalIgnoreCase);
                Assert.True(!altersDatabase || !script.Transactional, $"{provider} {script.Name} alters the database inside a transaction");
                Assert.Equal(provider == DatabaseProvider.SqlServer && script.Version == 16, !script.Transactional);
            }
        Assert.Contains("READ_COMMITTED_SNAPSHOT ON", Migrator.ScriptsFor(DatabaseProvider.SqlServer).Single(s => s.Version == 16).Sql);
    }

    [Fact]
    public void A_guarded_save_reads_the_attempt_under_the_update_lock_every_transition_takes_first()
    {
        var texts = AllStatements().Where(s => s.Name is "AnswerStore.UpsertMc" or "AnswerStore.UpsertEssay" or "AttemptStore.ByIdLocked")
            .Select(s => s.Statement.For(SqlServerDialect.Instance)).ToList();
        Assert.Equal(3, texts.Count);
        Assert.All(texts, sql => Assert.Matches(@"FROM attempts( a)? WITH \(UPDLOCK, ROWLOCK\)", sql));
    }

    [Fact]
    public void The_init_script_for_a_new_server_is_valid_TSQL_once_its_sqlcmd_variables_are_set()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) dir = dir.Parent;
        var sql = File.ReadAllText(Path.Combine(dir!.FullName, "deploy", "sqlserver-init.sql"))
            .Replace("$(ExamDatabase)", "exam", StringComparison.Ordinal).Replace("$(ExamLogin)", "exam_app", StringComparison.Ordinal)
            .Replace("$(ExamPassword)", "a-Long-password-1", StringComparison.Ordinal);
        Assert.DoesNotContain("$(", sql);
        foreach (var batch in Migrator.Batches(sql)) Assert.Empty(TSqlChecker.Problems(batch));
        Assert.DoesNotContain("db_owner", sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).Aggregate("", string.Concat));
        Assert.Contains("ALTER ROLE db_ddladmin ADD MEMBER [exam_app]", sql);
    }

    [Theory]
    [InlineData("SELECT id FROM staff_users ORDER BY id LIMIT 10;")]
    [InlineData("SELECT datetime('now');")]
    [InlineData("SELECT 'a' || user_name FROM staff_users;")]
    [InlineData("INSERT INTO t (a) VALUES (1) RETURNING id;")]
    [InlineData("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING;")]
    [InlineData("INSERT OR IGNORE INTO t (a) VALUES (1);")]
    [InlineData("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);")]
    [InlineData("SELECT last_insert_rowid();")]
    [InlineData("SELECT IFNULL(a, 0) FROM t;")]
    [InlineData("SELECT GROUP_CONCAT(a) FROM t;")]
    [InlineData("SELECT a FROM t WHERE flag = true;")]
    public void SQLite_isms_are_caught(string sql) => Assert.NotEmpty(TSqlChecker.Problems(sql));

    [Fact]
    public void The_SQLite_dialect_would_fail_the_check_so_the_check_has_teeth()
    {
        Assert.NotEmpty(TSqlChecker.Problems(SqliteDialect.Instance.Page("SELECT a FROM t ORDER BY a")));
        Assert.NotEmpty(TSqlChecker.Problems(SqliteDialect.Instance.InsertReturningId("INSERT INTO t (a) VALUES (@A)")));
    }
}
