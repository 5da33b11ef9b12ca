using System.CommandLine;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Skills.Linking;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class RdfCommands
{
    public static Command Build()
    {
        var sync = new Command("sync",
            "Write the catalogue's graph in the RDF store anew from the database: the outcomes' ELM skill links (after `import json`, or a time the store was down).");
        sync.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult, add: SkillServices.Add);
            await using var store = await SkillServices.StartStoreAsync(services, cancellationToken);
            var graph = services.GetRequiredService<CatalogueGraph>();
            var entries = services.GetRequiredService<LearningOpportunityStore>().StreamAllAsync(cancellationToken);
            var count = await AnsiConsole.Status().StartAsync("Writing the catalogue's graph", _ => graph.RebuildAsync(entries, cancellationToken));
            AnsiConsole.MarkupLineInterpolated($"Wrote the skill links of {count} learning opportunities to {graph.GraphIri}.");
            return 0;
        });
        return new Command("rdf", "The catalogue's graph in the RDF store.") { sync };
    }
}
