namespace LearningCatalogue.Harvesting;

/// <summary>Limits and paging of the OData harvesting API. Bound from the "Catalogue:Harvesting" section.</summary>
public sealed class HarvestingOptions
{
    public const string Section = "Catalogue:Harvesting";

    /// <summary>Entries per page when the client does not ask for fewer (Prefer: odata.maxpagesize).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The largest $top a client may ask for.</summary>
    public int MaxTop { get; set; } = 10_000;

    /// <summary>How deep $expand may nest.</summary>
    public int MaxExpansionDepth { get; set; } = 2;

    /// <summary>The largest $filter (and $orderby), counted in nodes of its syntax tree.</summary>
    public int MaxFilterNodes { get; set; } = 100;

    /// <summary>How long the records of removals (and changes) are kept; an older delta link answers 410 Gone.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromDays(30);
}
