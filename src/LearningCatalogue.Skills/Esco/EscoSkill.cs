using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Skills.Esco;

/// <summary>
/// An ESCO concept of the skills pillar (a skill or knowledge concept, or a skill group), with its labels and
/// descriptions in every loaded language, as the catalogue reads it from the RDF store.
/// </summary>
public sealed record EscoSkill
{
    public required string Uri { get; init; }

    /// <summary>"KnowledgeSkillCompetence" for skills and knowledge, "SkillGroup" for the groups of the hierarchy.</summary>
    public string ConceptType { get; init; } = EscoConceptType.Skill;

    /// <summary>"skill/competence" or "knowledge" (null for groups).</summary>
    public string? SkillType { get; init; }

    /// <summary>"transversal", "cross-sector", "sector-specific" or "occupation-specific" (null for groups).</summary>
    public string? ReuseLevel { get; init; }

    /// <summary>ESCO status; only "released" concepts may be linked.</summary>
    public string Status { get; init; } = "released";

    public IReadOnlyList<LocalizedText> PreferredLabels { get; init; } = [];
    public IReadOnlyList<LocalizedText> AlternativeLabels { get; init; } = [];
    public IReadOnlyList<LocalizedText> Descriptions { get; init; } = [];

    /// <summary>URIs of the broader concepts (skills or skill groups).</summary>
    public IReadOnlyList<string> Broader { get; init; } = [];

    /// <summary>The collections the concept belongs to: see <see cref="EscoCollection"/>.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];
}

public static class EscoConceptType
{
    public const string Skill = "KnowledgeSkillCompetence";
    public const string SkillGroup = "SkillGroup";
}

/// <summary>The ESCO skill collections the catalogue knows, by the name the API uses.</summary>
public static class EscoCollection
{
    public const string Digital = "digital";
    public const string Green = "green";
    public const string Transversal = "transversal";
    public const string Language = "language";

    public static IReadOnlyList<string> All { get; } = [Digital, Green, Transversal, Language];
}
