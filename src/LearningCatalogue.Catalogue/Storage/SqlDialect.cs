using System.Data.Common;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace LearningCatalogue.Catalogue.Storage;

/// <summary>
/// Everything that differs between the two providers lives here: connections, the migration target,
/// the folder of migration scripts, and the few statements whose syntax differs (paging).
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

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        // SQLite enforces foreign keys (and so ON DELETE CASCADE) only when each connection asks for it.
        public override DbConnection CreateConnection(string connectionString) =>
            new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString);

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
    }
}
