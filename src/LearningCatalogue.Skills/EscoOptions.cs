namespace LearningCatalogue.Skills;

/// <summary>Where ESCO comes from and where the skill suggestion index lives. Bound from "Catalogue:Esco".</summary>
public sealed class EscoOptions
{
    public const string Section = "Catalogue:Esco";

    /// <summary>
    /// The official ESCO CSV package. Empty means ../shared/esco-data beside the working folder or any folder above it,
    /// when present (the developers' and CI's machines have it); see esco-data/README.md for the official download.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>Import ESCO when the service starts and the store holds none.</summary>
    public bool ImportOnFirstStart { get; set; } = true;

    /// <summary>The suggestion index folder. Empty means "skills" under the search index folder ("indexes").</summary>
    public string? SuggestionIndexFolder { get; set; }

    public string? ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(Folder)) return Path.GetFullPath(Folder);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "esco-data");
            if (File.Exists(Path.Combine(candidate, "skills_en.csv"))) return Path.GetFullPath(candidate);
        }
        return null;
    }

    public string ResolveSuggestionIndexFolder(string indexFolder) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(SuggestionIndexFolder) ? Path.Combine(indexFolder, "skills") : SuggestionIndexFolder);
}
