namespace LearningCatalogue.Skills.Suggestion;

/// <summary>
/// A suggested ESCO skill for a text. <see cref="Label"/> is the preferred label in the language asked for when ESCO has
/// one (otherwise English, otherwise any). <see cref="Evidence"/> says why: the label and, when it contributed, the
/// description whose words matched, so that the person confirming can judge the suggestion.
/// </summary>
public sealed record SkillSuggestion(string Uri, string Label, string? SkillType, double Score, IReadOnlyList<SkillEvidence> Evidence);

/// <summary>
/// What matched: the field (<see cref="SkillEvidenceField"/>), the language of the matched text, the matched label or
/// description itself, and the words of the query text that matched it.
/// </summary>
public sealed record SkillEvidence(string Field, string Language, string Text, IReadOnlyList<string> MatchedTerms);

public static class SkillEvidenceField
{
    public const string PreferredLabel = "prefLabel";
    public const string AlternativeLabel = "altLabel";
    public const string Description = "description";
}
