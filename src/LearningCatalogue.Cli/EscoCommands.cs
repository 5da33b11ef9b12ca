using System.CommandLine;
using System.Diagnostics;
using LearningCatalogue.Skills;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace LearningCatalogue.Cli;

internal static class EscoCommands
{
    public static Command Build() => new("esco", "The ESCO skills pillar in the RDF store, and the skill suggestion index.") { Import(), Reindex() };

    public static Command Eval()
    {
        var files = new Argument<FileInfo[]>("file") { Description = "Benchmark files of sentence,skill_uri rows (../shared/benchmarks/skill-linking/*.csv).", Arity = ArgumentArity.OneOrMore };
        files.AcceptExistingOnly();
        var linking = new Command("skill-linking", "Measure skill suggestion: one line per file with RP@1, RP@5, RP@10 (percent) and MRR.") { files };
        linking.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult, add: SkillServices.Add);
            await using var store = await SkillServices.StartStoreAsync(services, cancellationToken);
            var index = await EnsureReadyAsync(services, cancellationToken);
            foreach (var file in parseResult.GetValue(files)!)
            {
                Console.WriteLine(SkillLinkingEvaluation.Evaluate(index, file.FullName).ToLine());
            }
            return 0;
        });
        return new Command("eval", "Evaluations.") { linking };
    }

    private static Command Import()
    {
        var folder = new Argument<DirectoryInfo?>("folder") { Description = "An ESCO CSV package (default: ../shared/esco-data, or Catalogue:Esco:Folder).", Arity = ArgumentArity.ZeroOrOne };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Import only when the store holds no ESCO classification yet (the first start)." };
        var command = new Command("import", "Load ESCO into a new graph of the RDF store, switch to it and drop the old one; then rebuild the suggestion index.") { folder, ifEmpty };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult, add: SkillServices.Add);
            await using var store = await SkillServices.StartStoreAsync(services, cancellationToken);
            var rdf = services.GetRequiredService<Rdf.ISparqlStore>();
            if (parseResult.GetValue(ifEmpty) && await EscoGraph.CurrentAsync(rdf, cancellationToken) is not null)
            {
                AnsiConsole.MarkupLine("The RDF store already holds ESCO; nothing imported.");
                await EnsureReadyAsync(services, cancellationToken);
                return 0;
            }
            var path = parseResult.GetValue(folder)?.FullName ?? services.GetRequiredService<IOptions<EscoOptions>>().Value.ResolveFolder();
            if (path is null)
            {
                AnsiConsole.MarkupLine("[red]No ESCO package found.[/] Give its folder, or see esco-data/README.md.");
                return 1;
            }
            var result = await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing ESCO", maxValue: 1);
                return await services.GetRequiredService<EscoImporter>().ImportAsync(path, new Progress<EscoImportProgress>(p =>
                {
                    task.Description = $"ESCO: {p.Stage}";
                    task.MaxValue = Math.Max(p.TriplesTotal, 1);
                    task.Value = p.TriplesLoaded;
                }), cancellationToken);
            });
            AnsiConsole.MarkupLineInterpolated(
                $"Loaded {result.Triples:N0} triples ({result.Skills:N0} skills, {result.Groups:N0} groups; {string.Join(", ", result.Languages)}) in {result.Duration.TotalSeconds:F1} s into {result.GraphIri}.");
            await BuildIndexAsync(services, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Reindex()
    {
        var command = new Command("reindex", "Rebuild the skill suggestion index from the RDF store's ESCO content.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = CatalogueCommandLine.Services(parseResult, add: SkillServices.Add);
            await using var store = await SkillServices.StartStoreAsync(services, cancellationToken);
            await BuildIndexAsync(services, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>The store holding ESCO (imported when empty) and a suggestion index built from it.</summary>
    public static async Task<SkillSuggestionIndex> EnsureReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var rdf = services.GetRequiredService<Rdf.ISparqlStore>();
        if (await EscoGraph.CurrentAsync(rdf, cancellationToken) is null)
        {
            var folder = services.GetRequiredService<IOptions<EscoOptions>>().Value.ResolveFolder()
                ?? throw new InvalidOperationException("The RDF store holds no ESCO and no ESCO package was found; see esco-data/README.md.");
            await AnsiConsole.Status().StartAsync("Importing ESCO", _ => services.GetRequiredService<EscoImporter>().ImportAsync(folder, cancellationToken: cancellationToken));
        }
        var index = services.GetRequiredService<SkillSuggestionIndex>();
        if (!index.IsAvailable) await BuildIndexAsync(services, cancellationToken);
        return index;
    }

    private static async Task BuildIndexAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var index = services.GetRequiredService<SkillSuggestionIndex>();
        await AnsiConsole.Status().StartAsync("Building the skill suggestion index from the RDF store",
            _ => index.BuildAsync(services.GetRequiredService<EscoSkillRepository>().AllSkillsAsync(cancellationToken), cancellationToken));
        AnsiConsole.MarkupLineInterpolated($"Indexed {index.SkillCount:N0} released skills ({string.Join(", ", index.Languages)}) in {watch.Elapsed.TotalSeconds:F1} s into {index.Folder}.");
    }
}
