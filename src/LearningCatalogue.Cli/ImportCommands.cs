using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using CsvHelper;
using System.Text.Json;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Import;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Extensions.DependencyInjection;
using LearningCatalogue.Rdf;
using LearningCatalogue.Skills.Linking;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class ImportCommands
{
    public static Command Build() => new("import", "Import learning opportunities.") { Courses(), Json() };

    private static Command Courses()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file of courses in the edX catalogue layout (../shared/corpora/edx_courses.csv)." };
        file.AcceptExistingOnly();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the good rows and report the bad ones, instead of importing nothing when a row is bad." };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Import only when the catalogue holds no entry yet (the first-start sample import)." };
        var publish = new Option<bool>("--publish") { Description = "Administrators only: store the entries as published, bypassing review (the sample corpus)." };
        var linkSkills = new Option<bool>("--link-skills") { Description = "Link each outcome to its best suggested ESCO skills (starts the RDF store, imports ESCO if it has none)." };
        var command = new Command("courses", "Import courses from a CSV file as drafts.") { file, skipInvalid, ifEmpty, publish, linkSkills };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var linking = parseResult.GetValue(linkSkills);
            await using var services = CatalogueCommandLine.Services(parseResult, add: linking ? SkillServices.Add : null);
            if (parseResult.GetValue(ifEmpty) && await services.GetRequiredService<LearningOpportunityStore>().CountAsync(cancellationToken) > 0)
            {
                AnsiConsole.MarkupLine("The catalogue is not empty; nothing imported.");
                return 0;
            }
            await using var store = linking ? await SkillServices.StartStoreAsync(services, cancellationToken) : null;
            if (linking) await EscoCommands.EnsureReadyAsync(services, cancellationToken);
            var importer = new EdxCourseImporter(services.GetRequiredService<CatalogueService>(), services.GetRequiredService<IVocabularyCatalog>());
            var path = parseResult.GetValue(file)!.FullName;
            var options = new EdxImportOptions
            {
                SkipInvalidRows = parseResult.GetValue(skipInvalid),
                Publish = parseResult.GetValue(publish),
                Enrich = linking ? entry => services.GetRequiredService<SuggestedSkillLinks>().Link(entry) : null,
            };
            return await ReportFailures(async () =>
            {
                var report = await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Importing courses", maxValue: CountRecords(path));
                    using var reader = new StreamReader(path);
                    return await importer.ImportAsync(reader, options, new Progress<int>(rows => task.Value = rows), cancellationToken);
                });
                if (linking) await WriteLinksToRdfAsync(services, report, cancellationToken);
                PrintReport(report);
                return 0;
            });
        });
        return command;
    }

    /// <summary>
    /// The links go to the RDF store after the database commit; when that fails, the imported entries are removed
    /// again, so that the import leaves nothing behind that only one store knows.
    /// </summary>
    private static async Task WriteLinksToRdfAsync(IServiceProvider services, ImportReport report, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<CatalogueGraph>().AddLinksAsync(report.Entries, cancellationToken);
        }
        catch (Exception)
        {
            var catalogue = services.GetRequiredService<CatalogueService>();
            foreach (var entry in report.Entries) await catalogue.DeleteAsync(entry.Id, CancellationToken.None);
            throw;
        }
        var links = report.Entries.Sum(e => e.LearningOutcomes.Sum(o => o.SkillLinks.Count));
        AnsiConsole.MarkupLineInterpolated($"Linked outcomes to {links} suggested ESCO skills, in the database and the RDF store.");
    }

    private static Command Json()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by `catalogue export json`." };
        file.AcceptExistingOnly();
        var command = new Command("json", "Import a JSON export, everything or nothing.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult);
            await using var input = parseResult.GetValue(file)!.OpenRead();
            return await ReportFailures(async () =>
            {
                // The bar follows the bytes read; the entries are stored in one transaction at the end.
                var count = await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Reading the export", maxValue: Math.Max(input.Length, 1));
                    var import = services.GetRequiredService<JsonExchange>().ImportAsync(input, cancellationToken);
                    while (await Task.WhenAny(import, Task.Delay(100, CancellationToken.None)) != import) task.Value = input.Position;
                    task.Value = task.MaxValue;
                    return await import;
                });
                AnsiConsole.MarkupLineInterpolated($"Imported {count} learning opportunities.");
                return 0;
            });
        });
        return command;
    }

    private static void PrintReport(ImportReport report)
    {
        var table = new Table().AddColumns("Row", "Key", "Missing (Annex I)", "Problem");
        foreach (var row in report.Rows)
        {
            table.AddRow(
                row.Row.ToString(),
                Markup.Escape(row.Key ?? ""),
                Markup.Escape(string.Join(", ", row.Missing.Select(m => m.Field))),
                Markup.Escape(row.Problem ?? ""));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Imported {report.Imported} {(report.Entries.Any(e => e.Status == Catalogue.Model.PublicationStatus.Published) ? "published entries" : "drafts")}; skipped {report.Skipped} rows.");
    }

    /// <summary>Bad input ends the command with a message and exit code 1; nothing was stored.</summary>
    private static async Task<int> ReportFailures(Func<Task<int>> import)
    {
        try
        {
            return await import();
        }
        catch (Exception exception) when (exception is CatalogueValidationException or EdxImportException or JsonException
                                              or DuplicateKeyException or DbException or SparqlException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Nothing imported.[/] {exception.Message}");
            if (exception is EdxImportException { InvalidRows: { Count: > 0 } rows })
            {
                foreach (var row in rows.Take(20)) AnsiConsole.MarkupLineInterpolated($"  row {row.Row} (line {row.Line}): {row.Problem}");
            }
            return 1;
        }
    }

    // A first pass over the file sizes the progress bar in records (quoted fields span lines).
    private static int CountRecords(string path)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, CultureInfo.InvariantCulture);
        var records = 0;
        while (parser.Read()) records++;
        return Math.Max(records - 1, 1);
    }
}
