namespace LearningCatalogue.Catalogue;

/// <summary>Where the catalogue keeps its files. Bound from the "Catalogue" section.</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The data folder (SQLite database and other local state). Relative paths are taken from the working folder.</summary>
    public string DataFolder { get; set; } = "data";
}
