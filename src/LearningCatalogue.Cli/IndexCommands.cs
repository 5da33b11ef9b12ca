using System.CommandLine;
using LearningCatalogue.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class IndexCommands
{
    public static Command Build() => new("index", "Search index maintenance.") { Rebuild() };

    private static Command Rebuild()
    {
        var command = new Command("rebuild",
            "Index every published entry into a new index generation, then switch to it; a running web host keeps searching the old one meanwhile.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Only this command opens the index: the other commands write the database alone, and a running web host holds the index's writer.
            await using var services = CatalogueCommandLine.Services(parseResult, add: (s, configuration) =>
            {
                SkillServices.Add(s, configuration);
                s.AddCatalogueSearch(configuration);
            });
            // Skill labels and groups come from the RDF store's ESCO.
            await using var store = await SkillServices.StartStoreAsync(services, cancellationToken);
            var index = services.GetRequiredService<CatalogueIndex>();
            var indexed = await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Indexing published entries", maxValue: 1);
                return await index.RebuildAsync(new Progress<RebuildProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Read;
                }), cancellationToken);
            });
            AnsiConsole.MarkupLineInterpolated($"Indexed {indexed} published learning opportunities.");
            return 0;
        });
        return command;
    }
}
