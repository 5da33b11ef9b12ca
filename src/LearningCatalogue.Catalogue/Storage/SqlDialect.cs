using System.Data.Common;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace LearningCatalogue.Catalogue.Storage;

/// <summary>
/// Everything that differs between the two providers lives here: connections, the migration target,
/// the folder of migration scripts, the few statements whose syntax differs (paging), and the pieces of
/// expression the harvesting API's query translator needs where the two dialects differ (dates, LIKE, null-safe equality).
/// Every other statement is written once, in <see cref="CatalogueStatements"/>.
/// </summary>
public abstract class SqlDialect
{
    static SqlDialect() => DapperConfiguration.Register();

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public abstract DatabaseProvider Provider { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    internal abstract UpgradeEngineBuilder MigrationTarget(string connectionString);

    /// <summary>The folder of embedded migration scripts, under Storage/Migrations.</summary>
    internal abstract string MigrationFolder { get; }

    /// <summary>Appends paging to a statement that ends with ORDER BY; takes the parameters @Skip and @Take.</summary>
    public abstract string Paged(string orderedSelect);

    /// <summary>The escape character of <see cref="Like"/> patterns.</summary>
    private const char LikeEscape = '\\';

    /// <summary>
    /// "expression LIKE pattern", case-insensitive in both dialects (both sides lowered), where the pattern is a
    /// parameter made with <see cref="LikeLiteral"/> plus the caller's own % wildcards.
    /// </summary>
    public string Like(string expression, string pattern) => $"LOWER({expression}) LIKE LOWER({pattern}) ESCAPE '{LikeEscape}'";

    /// <summary>A text that matches itself in a <see cref="Like"/> pattern: the dialect's wildcards in it are escaped.</summary>
    public string LikeLiteral(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == LikeEscape || c == '%' || c == '_' || LikeSpecial(c)) escaped.Append(LikeEscape);
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Characters other than % and _ that are wildcards in this dialect's LIKE.</summary>
    private protected virtual bool LikeSpecial(char c) => false;

    /// <summary>The year, month or day (an integer) of a date or UTC timestamp column.</summary>
    public abstract string DatePart(DatePart part, string expression);

    /// <summary>The date of a UTC timestamp, comparable with a date parameter.</summary>
    public abstract string DateOf(string expression);

    /// <summary>Equality that holds when both sides are null and is never unknown.</summary>
    public abstract string NullSafeEquals(string left, string right);

    /// <summary>
    /// "column IN (the ids of a JSON array)", where the array is one parameter made with <see cref="IdList"/>: however many
    /// ids, one parameter (SQL Server takes at most 2,100 in a statement).
    /// </summary>
    public abstract string InIdList(string column, string parameter);

    /// <summary>The JSON array of ids that <see cref="InIdList"/> reads, each as this dialect stores an id.</summary>
    public string IdList(IEnumerable<Guid> ids) => System.Text.Json.JsonSerializer.Serialize(ids.Select(IdText));

    private protected virtual string IdText(Guid id) => id.ToString("D");

    /// <summary>A value as this dialect's parameter should carry it.</summary>
    public virtual object? Parameter(object? value) => value;

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        // SQLite enforces foreign keys (and so ON DELETE CASCADE) only when each connection asks for it.
        // Its lower() and upper() fold ASCII letters only; replaced by .NET's, they fold "É" as SQL Server does.
        public override DbConnection CreateConnection(string connectionString)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString);
            connection.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
            connection.CreateFunction("upper", (string? text) => text?.ToUpperInvariant(), isDeterministic: true);
            return connection;
        }

        // Dates are stored as yyyy-MM-dd and timestamps as yyyy-MM-dd HH:mm:ss...+00:00 text.
        public override string DatePart(DatePart part, string expression) => part switch
        {
            Storage.DatePart.Year => $"CAST(substr({expression}, 1, 4) AS INTEGER)",
            Storage.DatePart.Month => $"CAST(substr({expression}, 6, 2) AS INTEGER)",
            _ => $"CAST(substr({expression}, 9, 2) AS INTEGER)",
        };

        public override string DateOf(string expression) => $"substr({expression}, 1, 10)";

        public override string NullSafeEquals(string left, string right) => $"{left} IS {right}";

        public override string InIdList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

        // Microsoft.Data.Sqlite stores a GUID as upper-case text; json_each hands the array's texts back as they are.
        private protected override string IdText(Guid id) => id.ToString("D").ToUpperInvariant();

        // Microsoft.Data.Sqlite binds decimals as text, which compares as greater than any number in expressions.
        public override object? Parameter(object? value) => value is decimal number ? (double)number : value;

        internal override UpgradeEngineBuilder MigrationTarget(string connectionString) =>
            DeployChanges.To.SqliteDatabase(connectionString);

        internal override string MigrationFolder => "Sqlite";

        public override string Paged(string orderedSelect) => orderedSelect + " LIMIT @Take OFFSET @Skip";
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

        public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

        internal override UpgradeEngineBuilder MigrationTarget(string connectionString) =>
            DeployChanges.To.SqlDatabase(connectionString);

        internal override string MigrationFolder => "SqlServer";

        public override string Paged(string orderedSelect) =>
            orderedSelect + " OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

        // [ opens a character class in T-SQL's LIKE.
        private protected override bool LikeSpecial(char c) => c == '[';

        public override string DatePart(DatePart part, string expression) => $"{part.ToString().ToUpperInvariant()}({expression})";

        public override string DateOf(string expression) => $"CAST({expression} AS DATE)";

        public override string NullSafeEquals(string left, string right) => $"{left} IS NOT DISTINCT FROM {right}";

        public override string InIdList(string column, string parameter) =>
            $"{column} IN (SELECT CAST(value AS UNIQUEIDENTIFIER) FROM OPENJSON({parameter}))";
    }
}

public enum DatePart { Year, Month, Day }
