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
