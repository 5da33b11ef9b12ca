using System.Text.RegularExpressions;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LearningCatalogue.Catalogue.Tests.Storage;

/// <summary>
/// No SQL Server runs in CI, so every T-SQL script and statement the catalogue sends to SQL Server is parsed
/// here with ScriptDom: a syntax error in T-SQL fails the build instead of the first production deployment.
/// </summary>
public sealed partial class TransactSqlSyntaxTests
{
    private const string SqlServerFolder = ".Migrations.SqlServer.";
    private const string SqliteFolder = ".Migrations.Sqlite.";

    // SQL Server 2022 (TSql160) is the oldest version production may run; the newest parser the package
    // ships is checked too, so syntax that a newer version removed or changed is caught as well.
    private static readonly (string Name, Func<TSqlParser> Create)[] Parsers =
    [
        (nameof(TSql160Parser), () => new TSql160Parser(initialQuotedIdentifiers: true)),
        (nameof(TSql180Parser), () => new TSql180Parser(initialQuotedIdentifiers: true)),
    ];

    private static IReadOnlyList<string> ScriptNames(string folder) =>
        typeof(CatalogueDatabase).Assembly.GetManifestResourceNames()
            .Where(name => name.Contains(folder, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string ReadScript(string resourceName)
    {
        using var stream = typeof(CatalogueDatabase).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parse errors of every parser, each with its line and column, as a failure message shows them.</summary>
    private static List<string> ParseErrors(string sql)
    {
        var errors = new List<string>();
        foreach (var (name, create) in Parsers)
        {
            create().Parse(new StringReader(sql), out var parseErrors);
            errors.AddRange(parseErrors.Select(e => $"{name}: line {e.Line}, column {e.Column}: {e.Message} (error {e.Number})"));
        }
        return errors;
    }

    private static TSqlScript Parse(string sql)
    {
        var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        return script;
    }

    public static TheoryData<string> SqlServerScripts() => new(ScriptNames(SqlServerFolder));

    [Fact]
    public void The_assembly_embeds_SqlServer_migration_scripts() =>
        Assert.NotEmpty(ScriptNames(SqlServerFolder));

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void Every_SqlServer_migration_script_is_valid_TSql(string resourceName)
    {
        var sql = ReadScript(resourceName);
        Assert.False(string.IsNullOrWhiteSpace(sql), $"{resourceName} is empty.");

        var errors = ParseErrors(sql);

        Assert.True(errors.Count == 0, $"{resourceName} is not valid T-SQL:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    /// <summary>
    /// Dapper expands a list parameter at run time: "WHERE id IN @Ids" reaches the server as
    /// "WHERE id IN (@Ids1, @Ids2, @Ids3)". The unexpanded text is not T-SQL (IN needs parentheses), so the
    /// statements are expanded the same way before they are parsed; the server never sees them otherwise.
    /// </summary>
    private static string AsDapperSendsIt(string statement) =>
        DapperListParameter().Replace(statement, m => $"IN (@{m.Groups[1].Value}1, @{m.Groups[1].Value}2, @{m.Groups[1].Value}3)");

    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperListParameter();

    public static TheoryData<string> SqlServerStatements() =>
        new(new CatalogueStatements(SqlDialect.For(DatabaseProvider.SqlServer)).All);

    [Fact]
    public void The_checked_statements_include_the_forms_Dapper_rewrites_and_the_paging_dialect()
    {
        // The statements whose T-SQL differs most from what is written: Dapper expands "IN @Ids" into a parameter
        // list, and paging is the dialect's own; the theory below must see both.
        var statements = new CatalogueStatements(SqlDialect.For(DatabaseProvider.SqlServer)).All.ToList();

        Assert.Contains(statements, s => s.Contains(" IN @Ids", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY", StringComparison.Ordinal));
        Assert.All(statements, s => Assert.False(string.IsNullOrWhiteSpace(s)));
    }

    [Theory]
    [MemberData(nameof(SqlServerStatements))]
    public void Every_statement_is_valid_TSql_as_Dapper_sends_it(string statement)
    {
        var sent = AsDapperSendsIt(statement);
        Assert.DoesNotMatch(@"\bIN\s+@", sent);

        var errors = ParseErrors(sent);

        Assert.True(errors.Count == 0, $"Not valid T-SQL:{Environment.NewLine}{sent}{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        var script = Parse(sent);
        Assert.Equal(1, script.Batches.Sum(b => b.Statements.Count));
    }

    [Fact]
    public void The_list_parameter_expansion_is_needed_and_matches_what_Dapper_does()
    {
        const string statement = "SELECT id FROM learning_opportunity WHERE id IN @Ids ORDER BY id";

        Assert.NotEmpty(ParseErrors(statement));
        Assert.Equal("SELECT id FROM learning_opportunity WHERE id IN (@Ids1, @Ids2, @Ids3) ORDER BY id", AsDapperSendsIt(statement));
        Assert.Empty(ParseErrors(AsDapperSendsIt(statement)));
    }

    /// <summary>Proves the check is live: text that SQL Server would refuse is reported by the same helper the tests above use.</summary>
    [Theory]
    [InlineData("SELEC id FROM learning_opportunity")]
    [InlineData("INSERT INTO learning_opportunity (id, entry_key) VALUES (@Id, @EntryKey")]
    [InlineData("SELECT id FROM learning_opportunity ORDER BY created_at, id LIMIT @Take OFFSET @Skip")]
    [InlineData("UPDATE learning_opportunity SET entry_key = @EntryKey,  WHERE id = @Id")]
    [InlineData("CREATE TABLE broken (id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY")]
    public void A_broken_statement_is_reported(string broken)
    {
        var errors = ParseErrors(broken);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Matches(@"line \d+, column \d+", e));
    }

    [Fact]
    public void A_broken_script_is_reported_at_the_line_of_the_error()
    {
        const string script = "CREATE TABLE fine (\n    id INT NOT NULL\n);\n\nCREATE TABLE broken (\n    id INT NOT NULL,\n    name NVARCHAR(40) NOT NULL DEFALT ''\n);\n";

        var errors = ParseErrors(script);

        Assert.Equal(Parsers.Length, errors.Count);
        Assert.All(errors, e => Assert.Contains("line 7,", e));
    }

    [Fact]
    public void The_SQLite_paging_is_not_TSql_but_the_SqlServer_paging_is()
    {
        const string ordered = "SELECT id FROM learning_opportunity ORDER BY created_at, id";

        Assert.NotEmpty(ParseErrors(SqlDialect.For(DatabaseProvider.Sqlite).Paged(ordered)));
        Assert.Empty(ParseErrors(SqlDialect.For(DatabaseProvider.SqlServer).Paged(ordered)));
    }

    [Fact]
    public void Both_migration_folders_hold_the_same_scripts()
    {
        static IEnumerable<string> FileNames(string folder) =>
            ScriptNames(folder).Select(name => name[(name.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..]);

        Assert.NotEmpty(FileNames(SqliteFolder));
        Assert.Equal(FileNames(SqliteFolder), FileNames(SqlServerFolder));
    }

    [Fact]
    public void The_SqlServer_and_SQLite_schemas_declare_the_same_tables_and_columns()
    {
        var sqlServer = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in ScriptNames(SqlServerFolder))
        {
            var visitor = new CreateTableVisitor();
            Parse(ReadScript(name)).Accept(visitor);
            foreach (var (table, columns) in visitor.Tables) sqlServer.Add(table, columns);
            foreach (var (table, columns) in visitor.Added) sqlServer[table].AddRange(columns);
        }

        var sqlite = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        using (var catalogue = new TestCatalogue())
        using (var connection = new SqliteConnection(catalogue.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT m.name, p.name, p.\"notnull\" FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
                "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'SchemaVersions' ORDER BY m.name, p.cid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var table = reader.GetString(0);
                if (!sqlite.TryGetValue(table, out var columns)) sqlite[table] = columns = [];
                columns.Add(Column(reader.GetString(1), notNull: reader.GetInt64(2) == 1));
            }
        }

        Assert.Contains("learning_opportunity", sqlServer.Keys);
        Assert.Equal(Describe(sqlite), Describe(sqlServer));
    }

    private static string Column(string name, bool notNull) => notNull ? name + " NOT NULL" : name;

    /// <summary>One line per column ("skill_link.label", "skill_link.source NOT NULL"), so a failure points at the column.</summary>
    private static List<string> Describe(SortedDictionary<string, List<string>> schema) =>
        schema.SelectMany(t => t.Value.Select(column => $"{t.Key}.{column}")).ToList();

    /// <summary>The tables a script creates, and the columns it adds to tables of earlier scripts (ALTER TABLE ... ADD).</summary>
    private sealed class CreateTableVisitor : TSqlFragmentVisitor
    {
        public List<(string Table, List<string> Columns)> Tables { get; } = [];
        public List<(string Table, List<string> Columns)> Added { get; } = [];

        public override void ExplicitVisit(CreateTableStatement node)
        {
            Tables.Add((node.SchemaObjectName.BaseIdentifier.Value, Columns(node.Definition)));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            Added.Add((node.SchemaObjectName.BaseIdentifier.Value, Columns(node.Definition)));
            base.ExplicitVisit(node);
        }

        private static List<string> Columns(TableDefinition definition) =>
            definition.ColumnDefinitions
                .Select(c => Column(c.ColumnIdentifier.Value, notNull: c.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable)))
                .ToList();
    }
}
