using System.CommandLine;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class DatabaseCommands
{
    public static Command Build()
    {
        var migrate = new Command("migrate", "Apply the database migrations that are not applied yet.");
        migrate.SetAction(parseResult =>
        {
            using var services = CatalogueCommandLine.Services(parseResult, migrate: false);
            var applied = services.GetRequiredService<CatalogueDatabase>().Migrate();
            if (applied.Count == 0) AnsiConsole.MarkupLine("The database is up to date.");
            else AnsiConsole.MarkupLineInterpolated($"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
