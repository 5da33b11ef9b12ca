namespace LearningCatalogue.Search;

/// <summary>Settings of the search index and API. Bound from the "Catalogue:Search" section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Catalogue:Search";

    /// <summary>Where the index generations live. Relative paths are taken from the working folder.</summary>
    public string IndexFolder { get; set; } = "indexes";

    /// <summary>Largest page size a search may ask for.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>
    /// Deepest hit page/size paging reaches (page × size); deeper pages take the cursor, whose cost does not grow
    /// with depth, where page/size must rank every hit before the page.
    /// </summary>
    public int MaxPagingDepth { get; set; } = 10_000;

    /// <summary>Most values a facet lists (by count); the values filtered on are listed besides.</summary>
    public int FacetValueLimit { get; set; } = 20;
}
