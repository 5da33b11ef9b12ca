namespace LearningCatalogue.Search;

/// <summary>The field names of the catalogue index.</summary>
internal static class SearchFields
{
    /// <summary>The entry's id: indexed (to update and delete by it) and as sorted doc values (the unique sort tiebreaker).</summary>
    public const string Id = "id";

    /// <summary>What a hit shows, as JSON (<see cref="StoredEntry"/>).</summary>
    public const string Stored = "entry";

    /// <summary>What type-ahead completes from, as JSON (<see cref="StoredCompletions"/>): small, read for many documents per keystroke.</summary>
    public const string StoredCompletions = "completions";

    // Text fields, one per language key: "title_en", "outcome_fr", "skill_es".
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Description = "description";
    public const string Outcome = "outcome";
    /// <summary>Labels and alternative labels of the linked ESCO skills, in every language the taxonomy holds.</summary>
    public const string Skill = "skill";

    /// <summary>Provider names, in every language (names are not translated).</summary>
    public const string Provider = "provider";

    /// <summary>Unstemmed lower-case words of all texts: the vocabulary spelling corrections are drawn from.</summary>
    public const string Spell = "spell";

    public const string SuggestPrefix = "suggest_";
    public const string SuggestTitle = SuggestPrefix + "title";
    public const string SuggestProvider = SuggestPrefix + "provider";
    public const string SuggestSkill = SuggestPrefix + "skill";

    /// <summary>The first title folded to lower-case ASCII, as sorted doc values for the title sort.</summary>
    public const string TitleSort = "title_sort";

    /// <summary>Facet fields: indexed keywords to filter on and sorted-set doc values to count, under one name.</summary>
    public static string Facet(string facet) => "facet_" + facet;

    public static string Text(string field, string languageKey) => field + "_" + languageKey;

    /// <summary>The text fields weighted for relevance: a title match counts most.</summary>
    public static IReadOnlyList<(string Field, float Boost)> Weighted { get; } =
    [
        (Title, 3f), (Summary, 1.5f), (Description, 1f), (Outcome, 1.5f), (Skill, 1.2f),
    ];

    /// <summary>The language key a per-language text field is analyzed in; null for other fields.</summary>
    public static string? LanguageOf(string fieldName)
    {
        var underscore = fieldName.LastIndexOf('_');
        if (underscore < 0) return null;
        var key = fieldName[(underscore + 1)..];
        return SearchLanguages.Keys.Contains(key) && Weighted.Any(w => w.Field == fieldName[..underscore]) ? key : null;
    }
}
