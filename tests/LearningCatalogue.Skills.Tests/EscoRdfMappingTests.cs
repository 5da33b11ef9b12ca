using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Skills.Esco;

namespace LearningCatalogue.Skills.Tests;

public sealed class EscoRdfMappingTests
{
    private const string Skos = "http://www.w3.org/2004/02/skos/core#";
    private const string Esco = "http://data.europa.eu/esco/model#";

    private static List<string> Map(TinyPackage tiny) => EscoRdfMapping.ToNTriples(EscoCsvPackage.Read(tiny.Folder)).ToList();

    [Fact]
    public void Escapes_quotes_backslashes_tabs_and_line_breaks_and_tags_the_language()
    {
        using var tiny = new TinyPackage();
        var lines = Map(tiny);

        Assert.Contains(
            $"<{TinyPackage.Tricky}> <{Skos}prefLabel> \"use \\\"quoted\\\" C:\\\\path, tab\\there; é > \\\" . <x> <y> <z> .\"@en .",
            lines);
        Assert.Contains(
            $"<{TinyPackage.Tricky}> <http://purl.org/dc/terms/description> \"Line one.\\nLine two with \\\"quotes\\\".\"@en .",
            lines);
        Assert.Contains($"<{TinyPackage.Tricky}> <{Skos}prefLabel> \"compétence « délicate »\"@fr .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <{Skos}prefLabel> \"einfache Fähigkeit\"@de .", lines);
        // Every statement is one line: no raw line break survives in a literal.
        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
        Assert.All(lines, l => Assert.EndsWith(" .", l));
    }

    [Fact]
    public void Types_skills_and_groups_as_ESCO_does()
    {
        using var tiny = new TinyPackage();
        var lines = Map(tiny);

        Assert.Contains($"<{TinyPackage.Plain}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Skos}Concept> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Esco}Skill> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Esco}MemberConcept> .", lines);
        Assert.Contains($"<{TinyPackage.Group}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Esco}GroupConcept> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <{Esco}skillType> <http://data.europa.eu/esco/skill-type/skill> .", lines);
        Assert.Contains($"<{TinyPackage.Knowledge}> <{Esco}skillType> <http://data.europa.eu/esco/skill-type/knowledge> .", lines);
        Assert.Contains($"<{TinyPackage.Knowledge}> <{Esco}skillType> <http://data.europa.eu/esco/skill-type/skill> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <{Esco}skillReuseLevel> <http://data.europa.eu/esco/skill-reuse-level/cross-sector> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <http://purl.org/iso25964/skos-thes#status> \"released\" .", lines);
        Assert.Contains($"<{TinyPackage.Root}> <{Skos}notation> \"S\" .", lines);
        Assert.Contains($"<{TinyPackage.Root}> <{Skos}inScheme> <http://data.europa.eu/esco/concept-scheme/skills-hierarchy> .", lines);
    }

    [Fact]
    public void Writes_hierarchy_relations_and_collections_in_both_directions_once()
    {
        using var tiny = new TinyPackage();
        var lines = Map(tiny);

        Assert.Contains($"<{TinyPackage.Plain}> <{Skos}broader> <{TinyPackage.Tricky}> .", lines);
        Assert.Contains($"<{TinyPackage.Tricky}> <{Skos}narrower> <{TinyPackage.Plain}> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <{Esco}relatedEssentialSkill> <{TinyPackage.Knowledge}> .", lines);
        Assert.Contains($"<{TinyPackage.Knowledge}> <{Esco}isEssentialSkillFor> <{TinyPackage.Plain}> .", lines);
        Assert.Single(lines, $"<{TinyPackage.Tricky}> <{Esco}relatedOptionalSkill> <{TinyPackage.Plain}> .");
        var digital = EscoVocabulary.CollectionIris[EscoCollection.Digital];
        Assert.Contains($"<{digital}> <{Skos}member> <{TinyPackage.Plain}> .", lines);
        Assert.Contains($"<{digital}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Skos}Collection> .", lines);
        Assert.Contains($"<{TinyPackage.Plain}> <{Skos}inScheme> <{digital}> .", lines);
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Fact]
    public void Maps_the_official_package_to_distinct_statements()
    {
        var package = EscoCsvPackage.Read(SharedData.EscoFolder);
        var lines = EscoRdfMapping.ToNTriples(package).ToList();

        Assert.Equal(lines.Count, lines.Distinct().Count());
        // Skills in three languages, groups in English only, and the four collections' names.
        Assert.Equal(13_485 * 3 + 640 + 4, lines.Count(l => l.Contains($"> <{Skos}prefLabel> ")));
        Assert.Equal(19_639, lines.Count(l => l.Contains($"> <{Skos}broader> ")));
        Assert.Equal(19_639, lines.Count(l => l.Contains($"> <{Skos}narrower> ")));
        Assert.Equal(5_784 * 2, lines.Count(l => l.Contains("> <http://data.europa.eu/esco/model#relatedEssentialSkill> ") || l.Contains("> <http://data.europa.eu/esco/model#relatedOptionalSkill> ")
            || l.Contains("> <http://data.europa.eu/esco/model#isEssentialSkillFor> ") || l.Contains("> <http://data.europa.eu/esco/model#isOptionalSkillFor> ")));
    }
}
