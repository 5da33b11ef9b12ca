using System.CommandLine;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Storage;
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
            var total = await services.GetRequiredService<LearningOpportunityStore>().CountAsync(cancellationToken);
            // Written beside the target and moved over it at the end, so a failed export leaves no half file.
            var partial = target.FullName + ".partial";
            int count;
            try
            {
                await using (var output = File.Create(partial))
                {
                    count = await AnsiConsole.Progress().StartAsync(progress =>
                    {
                        var task = progress.AddTask("Exporting", maxValue: Math.Max(total, 1));
                        return services.GetRequiredService<JsonExchange>().ExportAsync(output, new Progress<int>(n => task.Value = n), cancellationToken);
                    });
                }
                File.Move(partial, target.FullName, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            AnsiConsole.MarkupLineInterpolated($"Exported {count} learning opportunities to {target.FullName}.");
            return 0;
        });
        return new Command("export", "Export the catalogue.") { json };
    }
}
