using System.CommandLine;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Cli;

/// <summary>
/// The administrator's command line: `catalogue [--data DIR] &lt;command&gt;`. Every command works on the same
/// data folder as the web host; settings also come from environment variables (Catalogue__Database__Provider, ...).
/// </summary>
public static class CatalogueCommandLine
{
    public static readonly Option<DirectoryInfo> Data = new("--data")
    {
        Description = "The data folder (the SQLite database and local state); the same as ./run.sh --data.",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Learning Catalogue administration: database, import and export.") { Data };
        root.Add(DatabaseCommands.Build());
        root.Add(ImportCommands.Build());
        root.Add(ExportCommands.Build());
        root.Add(EscoCommands.Build());
        root.Add(EscoCommands.Eval());
        root.Add(IndexCommands.Build());
        root.Add(RdfCommands.Build());
        return root;
    }

    /// <summary>
    /// The catalogue's services for the data folder the command line names, with the schema up to date; <paramref name="add"/>
    /// registers more (the search index, for the commands that use it).
    /// </summary>
    public static ServiceProvider Services(ParseResult parseResult, bool migrate = true, Action<IServiceCollection, IConfiguration>? add = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"{CatalogueOptions.Section}:{nameof(CatalogueOptions.DataFolder)}", parseResult.GetValue(Data)!.FullName)])
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddCatalogue(configuration);
        add?.Invoke(services, configuration);
        var provider = services.BuildServiceProvider();
        if (migrate) provider.GetRequiredService<CatalogueDatabase>().Migrate();
        return provider;
    }
}
