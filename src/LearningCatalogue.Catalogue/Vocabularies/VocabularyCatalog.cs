namespace LearningCatalogue.Catalogue.Vocabularies;

/// <summary>Which codes of which vocabularies exist: what validation checks controlled values against.</summary>
public interface IVocabularyCatalog
{
    bool Contains(string scheme, string code);
    IReadOnlyList<VocabularyTerm> Terms(string scheme);
}

/// <summary>An in-memory vocabulary catalog, filled from the reference tables (or the seed) once.</summary>
public sealed class VocabularyCatalog : IVocabularyCatalog
{
    private readonly Dictionary<string, Dictionary<string, VocabularyTerm>> _schemes;

    public VocabularyCatalog(IEnumerable<VocabularyTerm> terms)
    {
        _schemes = terms
            .GroupBy(t => t.Scheme, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(t => t.Code, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public bool Contains(string scheme, string code) =>
        _schemes.TryGetValue(scheme, out var terms) && terms.ContainsKey(code);

    public IReadOnlyList<VocabularyTerm> Terms(string scheme) =>
        _schemes.TryGetValue(scheme, out var terms) ? terms.Values.OrderBy(t => t.Code, StringComparer.Ordinal).ToList() : [];
}
