namespace LearningCatalogue.Skills.Tests;

/// <summary>
/// The project's read-only reference data in ../shared beside the repository (CI has it too). A test that needs it
/// fails, never skips, when it is missing.
/// </summary>
public static class SharedData
{
    public static string Folder { get; } = Locate();

    /// <summary>The official ESCO CSV package (never copied into the repository).</summary>
    public static string EscoFolder => Directory.Exists(Path.Combine(Folder, "esco-data"))
        ? Path.Combine(Folder, "esco-data")
        : throw new DirectoryNotFoundException($"The ESCO package {Path.Combine(Folder, "esco-data")} is missing.");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }
        throw new DirectoryNotFoundException("The tests run outside the repository: no LearningCatalogue.sln above " + AppContext.BaseDirectory);
    }
}
