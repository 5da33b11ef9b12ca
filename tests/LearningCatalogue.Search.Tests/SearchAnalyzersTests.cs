namespace LearningCatalogue.Search.Tests;

/// <summary>Each language's text fields analyze words as that language's analyzer does; other languages are folded only.</summary>
public sealed class SearchAnalyzersTests : IDisposable
{
    private readonly SearchAnalyzers _analyzers = new();

    private List<string> Terms(string languageKey, string text) =>
        _analyzers.Analyze(SearchFields.Text(SearchFields.Description, languageKey), text).Select(t => t.Term).ToList();

    public void Dispose() => _analyzers.Dispose();

    [Theory]
    [InlineData("en", "managing", "management")]
    [InlineData("es", "empresa", "empresas")]
    [InlineData("fr", "développement", "developpements")]
    [InlineData("de", "Entwicklung", "Entwicklungen")]
    [InlineData("de", "Prüfungen", "Prufung")]
    [InlineData("it", "programmazione", "programmazioni")]
    [InlineData("nl", "ontwikkeling", "ontwikkelingen")]
    [InlineData("pt", "programação", "programações")]
    public void A_language_joins_the_inflections_of_a_word_that_folding_alone_keeps_apart(string language, string word, string inflected)
    {
        Assert.Equal(Terms(language, word), Terms(language, inflected));
        Assert.Single(Terms(language, word));
        // The standard analyzer of the other languages folds and lower-cases but does not stem: the language's own analyzer joined them.
        Assert.NotEqual(Terms(SearchLanguages.Other, word), Terms(SearchLanguages.Other, inflected));
    }

    [Theory]
    [InlineData("en", "the")]
    [InlineData("de", "und")]
    [InlineData("it", "della")]
    [InlineData("nl", "het")]
    [InlineData("pt", "para")]
    public void A_language_drops_its_stop_words_which_other_languages_keep(string language, string stopWord)
    {
        Assert.Empty(Terms(language, stopWord));
        Assert.Equal([stopWord], Terms(SearchLanguages.Other, stopWord));
    }

    [Fact]
    public void Other_languages_are_lower_cased_and_folded_to_ascii_word_by_word()
    {
        Assert.Equal(["zarzadzanie", "projektami", "i", "ludzmi"], Terms(SearchLanguages.Other, "Zarządzanie projektami i ludźmi"));
        // Polish has no analyzer of its own: its texts and a Polish learner's query are analyzed so.
        Assert.Equal(SearchLanguages.Other, SearchLanguages.KeyOf("pl-PL"));
    }
}
