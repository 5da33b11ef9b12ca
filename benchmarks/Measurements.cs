using System.Globalization;
using System.Text;
using LearningCatalogue.Catalogue.Tests;

/// <summary>Latency percentiles and the report, shared by the benchmarks that link this file.</summary>
internal static class Measurements
{
    private static readonly StringBuilder Report = new();

    /// <summary>Prints a line of the report, which <see cref="WriteResults"/> then writes.</summary>
    public static void Print(string line)
    {
        Console.WriteLine(line);
        Report.AppendLine(line);
    }

    public static double Percentile(List<double> milliseconds, double q)
    {
        var sorted = milliseconds.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Max(0, Math.Ceiling(q * sorted.Count) - 1))];
    }

    public static string Line(string name, List<double> milliseconds)
    {
        string At(double q) => Percentile(milliseconds, q).ToString("0.00", CultureInfo.InvariantCulture);
        return $"{name}: p50 {At(0.50)} ms, p95 {At(0.95)} ms, p99 {At(0.99)} ms, max {At(1.0)} ms";
    }

    /// <summary>Writes the printed lines to benchmarks/results/<paramref name="file"/> of the repository the benchmark runs in.</summary>
    public static void WriteResults(string file)
    {
        var results = Path.Combine(SharedData.RepositoryRoot, "benchmarks", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, file), Report.ToString());
    }
}
