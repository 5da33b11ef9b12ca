namespace LearningCatalogue.Skills.Esco;

/// <summary>
/// The IRIs the catalogue writes and reads for ESCO, chosen to be those ESCO publishes in its own SKOS-RDF download
/// and LOD service (ontology: http://data.europa.eu/esco/model), so that a store loaded from ESCO's RDF instead of
/// its CSV answers the same queries. Where the catalogue simplifies ESCO's RDF, the member says so.
/// </summary>
public static class EscoVocabulary
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Skos = "http://www.w3.org/2004/02/skos/core#";
    public const string Esco = "http://data.europa.eu/esco/model#";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string IsoThes = "http://purl.org/iso25964/skos-thes#";

    public const string Type = Rdf + "type";

    public const string Concept = Skos + "Concept";
    public const string Collection = Skos + "Collection";
    public const string PrefLabel = Skos + "prefLabel";
    public const string AltLabel = Skos + "altLabel";
    public const string HiddenLabel = Skos + "hiddenLabel";
    public const string Definition = Skos + "definition";
    public const string ScopeNote = Skos + "scopeNote";
    public const string Notation = Skos + "notation";
    public const string Broader = Skos + "broader";
    public const string Narrower = Skos + "narrower";
    public const string InScheme = Skos + "inScheme";
    public const string Member = Skos + "member";

    /// <summary>
    /// ESCO types every concept of the skills pillar esco:Skill, and tells the knowledge, skill and competence concepts
    /// (esco:MemberConcept, "the concepts used for coding or annotating CV and Job Postings") from the groups of the
    /// hierarchy (esco:GroupConcept, "only used for structuring"). The ontology has no esco:SkillGroup class.
    /// </summary>
    public const string Skill = Esco + "Skill";
    public const string MemberConcept = Esco + "MemberConcept";
    public const string GroupConcept = Esco + "GroupConcept";

    public const string SkillType = Esco + "skillType";
    public const string SkillReuseLevel = Esco + "skillReuseLevel";

    /// <summary>
    /// ESCO relates a skill to the skills it needs as it relates an occupation to its skills: the needing concept
    /// esco:relatedEssentialSkill / esco:relatedOptionalSkill the needed skill, and the inverse esco:isEssentialSkillFor /
    /// esco:isOptionalSkillFor. skillSkillRelations_en.csv reads: originalSkillUri needs relatedSkillUri.
    /// </summary>
    public const string RelatedEssentialSkill = Esco + "relatedEssentialSkill";
    public const string RelatedOptionalSkill = Esco + "relatedOptionalSkill";
    public const string IsEssentialSkillFor = Esco + "isEssentialSkillFor";
    public const string IsOptionalSkillFor = Esco + "isOptionalSkillFor";

    /// <summary>
    /// ESCO's description. ESCO's own RDF points dcterms:description at an esco:NodeLiteral resource (with
    /// esco:nodeLiteral and esco:language); the catalogue stores the language-tagged literal directly, which is what
    /// the node stands for and what a SPARQL query wants.
    /// </summary>
    public const string Description = DcTerms + "description";

    /// <summary>ESCO's publication status ("released"), a plain literal, as ESCO's RDF carries it.</summary>
    public const string Status = IsoThes + "status";

    public const string SkillTypeBase = "http://data.europa.eu/esco/skill-type/";
    public const string ReuseLevelBase = "http://data.europa.eu/esco/skill-reuse-level/";

    public const string SkillsScheme = "http://data.europa.eu/esco/concept-scheme/skills";

    /// <summary>
    /// ESCO publishes its collections as concept schemes whose members are in the scheme (skos:inScheme; the CSV's
    /// inScheme column and the ESCO API's isInScheme link). The catalogue writes that, and also types the IRI
    /// skos:Collection with a skos:member to each concept, so that a SKOS reader finds the collection either way.
    /// digital: the "Digital" scheme of conceptSchemes_en.csv; language and transversal: the schemes the ESCO API
    /// lists those skills in; green: the one IRI not confirmed from an ESCO source (see the report of the import).
    /// </summary>
    public static IReadOnlyDictionary<string, string> CollectionIris { get; } = new Dictionary<string, string>
    {
        [EscoCollection.Digital] = "http://data.europa.eu/esco/concept-scheme/6c930acd-c104-4ece-acf7-f44fd7333036",
        [EscoCollection.Green] = "http://data.europa.eu/esco/concept-scheme/green",
        [EscoCollection.Transversal] = "http://data.europa.eu/esco/concept-scheme/skill-transversal-groups",
        [EscoCollection.Language] = "http://data.europa.eu/esco/concept-scheme/skill-language-groups",
    };

    public static IReadOnlyDictionary<string, string> CollectionLabels { get; } = new Dictionary<string, string>
    {
        [EscoCollection.Digital] = "Digital skills collection",
        [EscoCollection.Green] = "Green skills collection",
        [EscoCollection.Transversal] = "Transversal skills collection",
        [EscoCollection.Language] = "Language skills collection",
    };

    /// <summary>"skill/competence" and "knowledge" (the CSV's values) to ESCO's skill-type concepts.</summary>
    public static IReadOnlyList<string> SkillTypeIris(string? csvValue)
    {
        if (string.IsNullOrWhiteSpace(csvValue))
        {
            return [];
        }
        // One concept of ESCO 1.2 carries both types, written "skill/competence knowledge".
        return csvValue.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v switch
            {
                "skill/competence" => SkillTypeBase + "skill",
                "knowledge" => SkillTypeBase + "knowledge",
                _ => throw new EscoPackageException($"Unknown ESCO skill type '{v}'."),
            })
            .Distinct()
            .ToList();
    }

    /// <summary>The inverse of <see cref="SkillTypeIris"/>: "skill/competence" first when both.</summary>
    public static string? SkillTypeName(IEnumerable<string> iris)
    {
        var names = iris.Select(i => i switch
            {
                SkillTypeBase + "skill" => "skill/competence",
                SkillTypeBase + "knowledge" => "knowledge",
                _ => i.StartsWith(SkillTypeBase, StringComparison.Ordinal) ? i[SkillTypeBase.Length..] : i,
            })
            .Distinct()
            .OrderBy(n => n == "skill/competence" ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? null : string.Join(' ', names);
    }

    public static string ReuseLevelIri(string csvValue) =>
        csvValue is "transversal" or "cross-sector" or "sector-specific" or "occupation-specific"
            ? ReuseLevelBase + csvValue
            : throw new EscoPackageException($"Unknown ESCO reuse level '{csvValue}'.");

    public static string? ReuseLevelName(string? iri) =>
        iri is null ? null : iri.StartsWith(ReuseLevelBase, StringComparison.Ordinal) ? iri[ReuseLevelBase.Length..] : iri;

    public static string? CollectionName(string iri) =>
        CollectionIris.FirstOrDefault(c => c.Value == iri).Key;
}
