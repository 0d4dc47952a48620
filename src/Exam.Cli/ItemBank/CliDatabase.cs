using Exam.Data.Database;

namespace Exam.Cli.ItemBank;

/// <summary>The database a command uses: SQL Server from the environment, else SQLite (--sqlite, default data/exam.db).</summary>
internal static class CliDatabase
{
    public const string DefaultSqlitePath = "data/exam.db";

    /// <summary>The options, or null when the command should not touch a database (none named and no default file).</summary>
    public static DatabaseOptions? Resolve(CliArguments args, CliContext context, bool onlyIfPresent)
    {
        var provider = context.Environment("Database__Provider");
        if (string.Equals(provider, nameof(DatabaseProvider.SqlServer), StringComparison.OrdinalIgnoreCase))
        {
            var cs = context.Environment("ConnectionStrings__Exam");
            if (string.IsNullOrWhiteSpace(cs))
                throw new CliUsageException("Database__Provider is SqlServer but ConnectionStrings__Exam is not set");
            return new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = cs };
        }
        var named = args.Option("sqlite");
        var path = Path.GetFullPath(named ?? DefaultSqlitePath, context.CurrentDirectory);
        if (onlyIfPresent && named is null && !File.Exists(path)) return null;
        return new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = path };
    }

    public static async Task<Db> OpenMigratedAsync(DatabaseOptions options, CliContext context, CancellationToken ct)
    {
        var db = new Db(options, context.CurrentDirectory);
        await new Migrator(db).MigrateAsync(ct);
        return db;
    }

    public static string Describe(DatabaseOptions options) =>
        options.Provider == DatabaseProvider.SqlServer ? "SQL Server (ConnectionStrings__Exam)" : options.SqlitePath;
}
