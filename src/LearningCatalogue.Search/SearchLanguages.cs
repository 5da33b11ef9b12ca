namespace LearningCatalogue.Search;

/// <summary>The languages the index analyzes with their own analyzer; texts in any other language share <see cref="Other"/>.</summary>
public static class SearchLanguages
{
    public const string Other = "other";

    public static IReadOnlyList<string> Analyzed { get; } = ["en", "fr", "es", "de", "it", "nl", "pt"];

    /// <summary>Every key a text field is suffixed with.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Analyzed, Other];

    /// <summary>The key of a BCP 47 tag: "pt-BR" is analyzed as "pt", "zh" as <see cref="Other"/>.</summary>
    public static string KeyOf(string? language)
    {
        var primary = PrimarySubtag(language);
        return Analyzed.Contains(primary) ? primary : Other;
    }

    /// <summary>"pt-BR" gives "pt", "EN" gives "en".</summary>
    public static string PrimarySubtag(string? language)
    {
        var tag = (language ?? "").Trim().ToLowerInvariant();
        var dash = tag.IndexOfAny(['-', '_']);
        return dash > 0 ? tag[..dash] : tag;
    }
}
