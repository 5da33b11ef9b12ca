using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Skills.Esco;

/// <summary>What the catalogue needs to know of a linked skill when indexing: its labels and where it sits.</summary>
/// <param name="Ancestors">Every broader concept, transitively: broader skills and skill groups up to the pillar roots.</param>
public sealed record SkillFacts(
    string Uri,
    IReadOnlyList<LocalizedText> PreferredLabels,
    IReadOnlyList<LocalizedText> AlternativeLabels,
    IReadOnlyList<string> Ancestors,
    IReadOnlyList<string> Collections);

/// <summary>
/// The ESCO skills pillar held in memory (about 14,000 concepts): labels and the transitive broader
/// closure of each concept, computed once, so that indexing thousands of entries asks nothing per skill.
/// Built from the RDF store's content (or, in tests, straight from the CSV package).
/// </summary>
public sealed class EscoTaxonomy
{
    private readonly Dictionary<string, EscoSkill> _concepts;
    private readonly Dictionary<string, IReadOnlyList<string>> _ancestors = new(StringComparer.Ordinal);

    public EscoTaxonomy(IEnumerable<EscoSkill> concepts)
    {
        _concepts = concepts.ToDictionary(c => c.Uri, StringComparer.Ordinal);
    }

    public int Count => _concepts.Count;

    public bool Contains(string uri) => _concepts.ContainsKey(uri);

    public EscoSkill? Find(string uri) => _concepts.GetValueOrDefault(uri);

    /// <summary>The facts of a concept; null when the taxonomy does not hold it.</summary>
    public SkillFacts? Describe(string uri) => _concepts.TryGetValue(uri, out var concept)
        ? new SkillFacts(uri, concept.PreferredLabels, concept.AlternativeLabels, Ancestors(uri), concept.Collections)
        : null;

    /// <summary>The preferred label in a language, else in English, else any.</summary>
    public string? Label(string uri, string language) => _concepts.TryGetValue(uri, out var concept)
        ? Pick(concept.PreferredLabels, language)
        : null;

    public static string? Pick(IReadOnlyList<LocalizedText> texts, string language) =>
        (texts.FirstOrDefault(t => t.Language.Equals(language, StringComparison.OrdinalIgnoreCase))
         ?? texts.FirstOrDefault(t => t.Language == "en")
         ?? texts.FirstOrDefault())?.Value;

    /// <summary>All broader concepts of a concept, transitively, nearest first; cycles in the data are cut.</summary>
    public IReadOnlyList<string> Ancestors(string uri)
    {
        lock (_ancestors)
        {
            if (_ancestors.TryGetValue(uri, out var known)) return known;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { uri };
        var ordered = new List<string>();
        var frontier = new Queue<string>([uri]);
        while (frontier.TryDequeue(out var current))
        {
            if (!_concepts.TryGetValue(current, out var concept)) continue;
            foreach (var broader in concept.Broader)
            {
                if (!seen.Add(broader)) continue;
                ordered.Add(broader);
                frontier.Enqueue(broader);
            }
        }
        lock (_ancestors)
        {
            _ancestors[uri] = ordered;
        }
        return ordered;
    }
}
