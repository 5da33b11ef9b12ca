using System.Globalization;

/// <summary>Latency percentiles and the results folder, shared by the benchmarks that link this file.</summary>
internal static class Measurements
{
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

    /// <summary>Writes a report to benchmarks/results/<paramref name="file"/> of the repository the benchmark runs in.</summary>
    public static void WriteResults(string file, string report)
    {
        var results = Path.Combine(RepositoryRoot(), "benchmarks", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, file), report);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run the benchmark inside the repository.");
    }
}
