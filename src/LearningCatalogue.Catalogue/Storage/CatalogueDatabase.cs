using System.Data;
using System.Data.Common;
using Dapper;
using DbUp.Engine;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningCatalogue.Catalogue.Storage;

/// <summary>The relational store: opens connections for its provider and brings its schema up to date.</summary>
public sealed class CatalogueDatabase
{
    private readonly string _connectionString;
    private readonly ILogger<CatalogueDatabase> _logger;

    public CatalogueDatabase(SqlDialect dialect, string connectionString, ILogger<CatalogueDatabase>? logger = null)
    {
        Dialect = dialect;
        Statements = new CatalogueStatements(dialect);
        _connectionString = connectionString;
        _logger = logger ?? NullLogger<CatalogueDatabase>.Instance;
    }

    public SqlDialect Dialect { get; }

    public CatalogueStatements Statements { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Dialect.CreateConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Applies the migrations not yet applied, each in a transaction. Returns the names of those applied.</summary>
    public IReadOnlyList<string> Migrate()
    {
        var prefix = $"{typeof(CatalogueDatabase).Namespace}.Migrations.{Dialect.MigrationFolder}.";
        var result = Dialect.MigrationTarget(_connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(CatalogueDatabase).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithScript($"{prefix}0002_seed_vocabularies", new SeedVocabularies(Statements))
            .WithTransactionPerScript()
            .LogTo(_logger)
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
        return result.Scripts.Select(s => s.Name[prefix.Length..]).ToList();
    }

    public IReadOnlyList<VocabularyTerm> LoadVocabularies()
    {
        using var connection = Dialect.CreateConnection(_connectionString);
        return connection.Query<VocabularyTerm>(Statements.SelectVocabularyTerms).ToList();
    }

    /// <summary>
    /// Seeds the reference tables from the vocabulary file generated from the Europass schemas. A code
    /// migration, so one data file serves both providers; it inserts through DbUp's own command (and so its
    /// transaction) and leaves no SQL for DbUp to run after it.
    /// </summary>
    private sealed class SeedVocabularies(CatalogueStatements statements) : IScript
    {
        public string ProvideScript(Func<IDbCommand> dbCommandFactory)
        {
            foreach (var term in VocabularySeed.Load())
            {
                using var command = dbCommandFactory();
                command.CommandText = statements.InsertVocabularyTerm;
                AddParameter(command, "Scheme", term.Scheme);
                AddParameter(command, "Code", term.Code);
                AddParameter(command, "Uri", term.Uri);
                AddParameter(command, "Label", term.Label);
                command.ExecuteNonQuery();
            }
            return "";
        }

        private static void AddParameter(IDbCommand command, string name, string value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
