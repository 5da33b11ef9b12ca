// Skill suggestion benchmark: builds the suggestion index from the ESCO CSV package, prints the skill-linking evaluation
// lines, then measures suggestion latency (p50/p95/p99) over every benchmark sentence and some French and Spanish
// learning outcomes, after a warm-up. Results go to benchmarks/results/skill-suggestion.txt (git-ignored).
//
//   dotnet run -c Release --project benchmarks/LearningCatalogue.Benchmarks [--rebuild] [--eval-only]
//       [--options "CrossLanguageWeight=0"] [--variant "CoverageExponent=1.5,DescriptionWeight=0.2"]...
//
// --options replaces default scoring settings for the whole run; --variant evaluates other scoring settings on the same index (the tuning loop); the index is rebuilt only with
// --rebuild or when benchmarks/results/skill-index does not hold one.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;

var root = FindRepositoryRoot();
var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
var escoFolder = Path.Combine(shared, "esco-data");
var benchmarkFiles = new[] { "tech_validation.csv", "house_validation.csv" }
    .Select(f => Path.Combine(shared, "benchmarks", "skill-linking", f)).ToArray();
var results = Path.Combine(root, "benchmarks", "results");
var indexFolder = Path.Combine(results, "skill-index");

var rebuild = args.Contains("--rebuild");
var evalOnly = args.Contains("--eval-only");
var baseOptions = args.SkipWhile(a => a != "--options").Skip(1).FirstOrDefault() is { } o ? Apply(SkillSuggestionOptions.Default, o) : SkillSuggestionOptions.Default;
var variants = args.Select((a, i) => (a, i)).Where(x => x.a == "--variant" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();

var report = new StringBuilder();
void Print(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Print($"Skill suggestion benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, {RuntimeInformationText()}");
// Wall-clock latency depends on what else runs: the load average says how busy the machine was.
if (File.Exists("/proc/loadavg")) Print($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
using var index = new SkillSuggestionIndex(indexFolder, baseOptions);
if (rebuild || !index.IsAvailable)
{
    var clock = Stopwatch.StartNew();
    var package = EscoCsvPackage.Read(escoFolder);
    var read = clock.Elapsed;
    index.Build(package.Concepts);
    Print($"Index: read {package.Concepts.Count} ESCO concepts in {read.TotalSeconds:0.0} s, built in {(clock.Elapsed - read).TotalSeconds:0.0} s");
}
Print($"Index: {index.SkillCount} released skills, languages {string.Join(", ", index.Languages)}, in {index.Folder}");

Print("");
Print("Skill linking (validation splits):");
foreach (var file in benchmarkFiles) Print(SkillLinkingEvaluation.Evaluate(index, file).ToLine());
foreach (var variant in variants)
{
    index.Options = Apply(baseOptions, variant);
    Print($"variant {variant}:");
    foreach (var file in benchmarkFiles) Print("  " + SkillLinkingEvaluation.Evaluate(index, file).ToLine());
}
index.Options = baseOptions;
if (evalOnly) return;

// Latency: every benchmark sentence (English) and learning outcomes in French and Spanish, k = 10 as the UI asks.
var queries = benchmarkFiles.SelectMany(f => SkillLinkingEvaluation.ReadBenchmark(f)).Select(e => (e.Sentence, Language: "en"))
    .Concat(OtherLanguageOutcomes()).ToList();
const int Rounds = 30;
for (var warm = 0; warm < 3; warm++)
{
    foreach (var (text, language) in queries) index.Suggest(text, language, 10);
}
var samples = new List<double>(queries.Count * Rounds);
var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
for (var round = 0; round < Rounds; round++)
{
    foreach (var (text, language) in queries)
    {
        var start = Stopwatch.GetTimestamp();
        index.Suggest(text, language, 10);
        samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
var byText = samples.Select((ms, i) => (ms, text: queries[i % queries.Count].Item1)).GroupBy(x => x.text)
    .Select(g => (Text: g.Key, Median: g.Select(x => x.ms).Order().ElementAt(g.Count() / 2))).OrderByDescending(x => x.Median).ToList();
var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
samples.Sort();
double Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
Print("");
Print($"Latency of Suggest(text, language, k: 10): {queries.Count} texts x {Rounds} rounds = {samples.Count} calls after 3 warm-up rounds");
Print(string.Create(CultureInfo.InvariantCulture,
    $"p50 {Percentile(0.50):0.000} ms  p95 {Percentile(0.95):0.000} ms  p99 {Percentile(0.99):0.000} ms  max {samples[^1]:0.000} ms  mean {samples.Average():0.000} ms"));

Print(string.Create(CultureInfo.InvariantCulture, $"Process CPU time per call (mean): {cpu.TotalMilliseconds / samples.Count:0.000} ms"));
if (File.Exists("/proc/loadavg")) Print($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
Print(string.Create(CultureInfo.InvariantCulture, $"Slowest texts by median: {string.Join("; ", byText.Take(3).Select(x => $"{x.Median:0.00} ms ({x.Text.Length} chars)"))}"));
Directory.CreateDirectory(results);
var output = Path.Combine(results, "skill-suggestion.txt");
File.WriteAllText(output, report.ToString());
Console.WriteLine($"Written to {output}");

static SkillSuggestionOptions Apply(SkillSuggestionOptions options, string assignments)
{
    var copy = options with { };
    foreach (var assignment in assignments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        var (name, value) = (assignment[..assignment.IndexOf('=')], assignment[(assignment.IndexOf('=') + 1)..]);
        var property = typeof(SkillSuggestionOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"No scoring option {name}.");
        property.SetValue(copy, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
    }
    return copy;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln"))) return dir.FullName;
    }
    throw new DirectoryNotFoundException("Run the benchmark from the repository: no LearningCatalogue.sln above " + AppContext.BaseDirectory);
}

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

// Learning outcomes as providers write them, in French and Spanish: the latency of the other analyzers counts too.
static IEnumerable<(string Text, string Language)> OtherLanguageOutcomes() =>
[
    ("Concevoir et gérer une base de données relationnelle avec SQL.", "fr"),
    ("Analyser des données statistiques et communiquer les résultats à des publics non spécialistes.", "fr"),
    ("Appliquer les principes de la gestion de projet agile dans une équipe pluridisciplinaire.", "fr"),
    ("Développer des applications web avec JavaScript et des frameworks modernes.", "fr"),
    ("Évaluer les risques pour la santé et la sécurité au travail et proposer des mesures de prévention.", "fr"),
    ("Rédiger des rapports techniques clairs en anglais et en français.", "fr"),
    ("Diseñar y programar aplicaciones en Java siguiendo buenas prácticas de ingeniería de software.", "es"),
    ("Analizar datos con Python y presentar los resultados en informes.", "es"),
    ("Gestionar equipos de trabajo y resolver conflictos en el entorno laboral.", "es"),
    ("Aplicar técnicas de marketing digital y gestionar redes sociales de una empresa.", "es"),
    ("Comprender los principios de la contabilidad financiera y elaborar estados financieros.", "es"),
    ("Comunicarse de forma eficaz con clientes y colegas en un entorno internacional.", "es"),
];
