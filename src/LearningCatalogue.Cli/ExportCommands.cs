using System.CommandLine;
using LearningCatalogue.Catalogue.Exchange;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class ExportCommands
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The JSON file to write (replaced if it exists)." };
        var json = new Command("json", "Export the whole catalogue, losslessly, as JSON.") { file };
        json.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult);
            var target = parseResult.GetValue(file)!;
            // Written beside the target and moved over it at the end, so a failed export leaves no half file.
            var partial = target.FullName + ".partial";
            int count;
            await using (var output = File.Create(partial))
            {
                count = await services.GetRequiredService<JsonExchange>().ExportAsync(output, cancellationToken);
            }
            File.Move(partial, target.FullName, overwrite: true);
            AnsiConsole.MarkupLineInterpolated($"Exported {count} learning opportunities to {target.FullName}.");
            return 0;
        });
        return new Command("export", "Export the catalogue.") { json };
    }
}
