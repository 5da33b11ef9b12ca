using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LearningCatalogue.Skills.Suggestion;

/// <summary>One sentence of a skill-linking benchmark with its gold ESCO skills.</summary>
public sealed record SkillLinkingExample(string Sentence, IReadOnlySet<string> GoldSkillUris);

/// <summary>
/// The scores of a ranking against a benchmark file. RP@K and MRR are fractions (0..1); <see cref="ToLine"/> prints RP@K as
/// percentages, the way the skill-extraction literature reports them.
/// </summary>
public sealed record SkillLinkingEvaluationResult(string Name, int Sentences, double RPAt1, double RPAt5, double RPAt10, double Mrr)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-24} RP@1 {100 * RPAt1,5:0.0}  RP@5 {100 * RPAt5,5:0.0}  RP@10 {100 * RPAt10,5:0.0}  MRR {Mrr:0.000}  ({Sentences} sentences)");
}

/// <summary>
/// Evaluates skill suggestion on benchmark CSV files of <c>sentence,skill_uri[,gold_label]</c> rows (the Skill-Extraction
/// benchmark of Decorte et al. 2022). Rows are grouped by sentence, each sentence having one or more gold skills.
/// <list type="bullet">
/// <item>RP@K = (gold skills in the top K) / min(K, number of gold skills), averaged over sentences;</item>
/// <item>MRR = 1 / rank of the first gold skill (0 when none is ranked), averaged over sentences.</item>
/// </list>
/// </summary>
public static class SkillLinkingEvaluation
{
    /// <summary>How deep rankings are taken for MRR: a gold skill below this rank counts as not found.</summary>
    public const int RankingDepth = 100;

    public static IReadOnlyList<SkillLinkingExample> ReadBenchmark(string path)
    {
        using var reader = new StreamReader(path);
        return ReadBenchmark(reader);
    }

    public static IReadOnlyList<SkillLinkingExample> ReadBenchmark(TextReader reader)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null });
        csv.Read();
        csv.ReadHeader();
        var bySentence = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (csv.Read())
        {
            var sentence = csv.GetField("sentence")?.Trim() ?? "";
            var uri = csv.GetField("skill_uri")?.Trim() ?? "";
            if (sentence.Length == 0 || uri.Length == 0) continue;
            if (!bySentence.TryGetValue(sentence, out var gold))
            {
                bySentence[sentence] = gold = new HashSet<string>(StringComparer.Ordinal);
                order.Add(sentence);
            }
            gold.Add(uri); // the files repeat some rows: a gold skill counts once per sentence
        }
        return [.. order.Select(s => new SkillLinkingExample(s, bySentence[s]))];
    }

    /// <summary>Gold skills in the first <paramref name="k"/> of <paramref name="ranking"/>, over min(k, gold count).</summary>
    public static double RPrecisionAt(IReadOnlyList<string> ranking, IReadOnlySet<string> gold, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (gold.Count == 0) return 0;
        var found = ranking.Take(k).Distinct(StringComparer.Ordinal).Count(gold.Contains);
        return (double)found / Math.Min(k, gold.Count);
    }

    /// <summary>1 / the (1-based) rank of the first gold skill of <paramref name="ranking"/>, 0 when it has none.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlySet<string> gold)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (gold.Contains(ranking[i])) return 1.0 / (i + 1);
        }
        return 0;
    }

    /// <summary>Scores <paramref name="rank"/> (sentence → skill URIs, best first) on <paramref name="examples"/>.</summary>
    public static SkillLinkingEvaluationResult Evaluate(string name, IReadOnlyList<SkillLinkingExample> examples, Func<string, IReadOnlyList<string>> rank)
    {
        double rp1 = 0, rp5 = 0, rp10 = 0, mrr = 0;
        foreach (var example in examples)
        {
            var ranking = rank(example.Sentence);
            rp1 += RPrecisionAt(ranking, example.GoldSkillUris, 1);
            rp5 += RPrecisionAt(ranking, example.GoldSkillUris, 5);
            rp10 += RPrecisionAt(ranking, example.GoldSkillUris, 10);
            mrr += ReciprocalRank(ranking, example.GoldSkillUris);
        }
        var n = Math.Max(1, examples.Count);
        return new SkillLinkingEvaluationResult(name, examples.Count, rp1 / n, rp5 / n, rp10 / n, mrr / n);
    }

    /// <summary>Evaluates <paramref name="index"/> on a benchmark file whose sentences are in <paramref name="language"/>.</summary>
    public static SkillLinkingEvaluationResult Evaluate(SkillSuggestionIndex index, string path, string language = "en") =>
        Evaluate(Path.GetFileName(path), ReadBenchmark(path), sentence =>
            [.. index.Suggest(sentence, language, RankingDepth).Select(s => s.Uri)]);
}
