using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>Look-ups in the imported ESCO through SPARQL.</summary>
[Collection(EscoStoreCollection.Name)]
public sealed class EscoSkillRepositoryTests(EscoStoreFixture fixture)
{
    private const string MusicalStaff = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
    private const string CorrectionalProcedures = "http://data.europa.eu/esco/skill/00064735-8fad-454b-90c7-ed858cc993f2";
    private const string Haskell = "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02";
    private const string KnowledgeRoot = "http://data.europa.eu/esco/skill/c46fcb45-5c14-4ffa-abed-5a43f104bb22";
    private const string GenericProgrammes = "http://data.europa.eu/esco/isced-f/00";

    private static readonly string[] PillarRoots =
    [
        "http://data.europa.eu/esco/skill/04a13491-b58c-4d33-8b59-8fad0d55fe9e",
        "http://data.europa.eu/esco/skill/335228d2-297d-4e0e-a6ee-bc6a8dc110d9",
        KnowledgeRoot,
        "http://data.europa.eu/esco/skill/e35a5936-091d-4e87-bafe-f264e55bd656",
    ];

    private EscoSkillRepository Repository => new(fixture.Store);

    [Fact]
    public async Task Looks_up_in_French_falling_back_to_English_for_what_French_lacks()
    {
        var skill = await Repository.GetAsync(MusicalStaff, "fr");

        Assert.NotNull(skill);
        Assert.Equal(new LocalizedText("fr", "gérer le personnel musical"), skill.PreferredLabel);
        // The French file has no alternative labels or description for this skill: English ones are given, tagged so.
        Assert.Contains(new LocalizedText("en", "coordinate duties of musical staff"), skill.AlternativeLabels);
        Assert.Equal("en", skill.Description?.Language);
        Assert.StartsWith("Assign and manage staff tasks", skill.Description?.Value);
        Assert.Equal("skill/competence", skill.SkillType);
        Assert.Equal("sector-specific", skill.ReuseLevel);
        Assert.Equal("released", skill.Status);
        Assert.Equal(EscoConceptType.Skill, skill.ConceptType);
    }

    [Theory]
    [InlineData("en", "en", "manage musical staff")]
    [InlineData("fr-CA", "fr", "gérer le personnel musical")]
    [InlineData("ES", "es", "gestionar tareas en relación con los músicos")]
    [InlineData("de", "en", "manage musical staff")]
    public async Task Falls_back_by_primary_subtag_then_to_English(string asked, string found, string label)
    {
        var skill = await Repository.GetAsync(MusicalStaff, asked);
        Assert.Equal(new LocalizedText(found, label), skill?.PreferredLabel);
    }

    [Fact]
    public async Task The_broader_chain_reaches_a_pillar_root_with_labels_in_the_language_asked()
    {
        var skill = await Repository.GetAsync(Haskell, "fr");

        Assert.NotNull(skill);
        Assert.NotEmpty(skill.BroaderChain);
        Assert.Contains(skill.BroaderChain[^1].Uri, PillarRoots);
        Assert.All(skill.BroaderChain, b => Assert.False(string.IsNullOrEmpty(b.Label)));
        Assert.Equal([EscoCollection.Digital], skill.Collections);
        var root = await Repository.GetAsync(skill.BroaderChain[^1].Uri);
        Assert.Empty(root!.BroaderChain);
    }

    [Fact]
    public async Task A_group_lists_its_narrower_concepts()
    {
        var group = await Repository.GetAsync(GenericProgrammes, "en");

        Assert.NotNull(group);
        Assert.Equal(EscoConceptType.SkillGroup, group.ConceptType);
        Assert.Equal([KnowledgeRoot], group.BroaderChain.Select(b => b.Uri));
        Assert.Equal("knowledge", group.BroaderChain.Single().Label);
        Assert.Contains(group.Narrower, n => n.Uri == "http://data.europa.eu/esco/isced-f/000" && n.Label == "generic programmes and qualifications not further defined");
        Assert.Null(group.SkillType);
    }

    [Fact]
    public async Task Related_skills_come_with_the_relation_type_both_ways()
    {
        var skill = await Repository.GetAsync(CorrectionalProcedures, "en");
        var needed = Assert.Single(skill!.Related, r => r.Uri == "http://data.europa.eu/esco/skill/d4a0744a-508b-4a5e-97a5-ad1fc7f55e6e");
        Assert.Equal("optional", needed.RelationType);
        Assert.False(string.IsNullOrEmpty(needed.Label));

        var other = await Repository.GetAsync(needed.Uri, "en");
        Assert.Contains(other!.Related, r => r.Uri == CorrectionalProcedures && r.RelationType == "optional-for");
    }

    [Fact]
    public async Task An_unknown_concept_is_null() =>
        Assert.Null(await Repository.GetAsync("http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000", "en"));

    [Fact]
    public async Task Streams_every_concept_with_all_its_labels()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var all = new List<EscoSkill>();
        await foreach (var concept in Repository.AllSkillsAsync())
        {
            all.Add(concept);
        }

        Console.WriteLine($"AllSkillsAsync: {all.Count} concepts in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(13_485 + 640, all.Count);
        Assert.Equal(all.Count, all.Select(c => c.Uri).Distinct().Count());
        var skills = all.Where(c => c.ConceptType == EscoConceptType.Skill).ToList();
        Assert.Equal(13_485, skills.Count);
        Assert.All(skills, s => Assert.Equal(["en", "es", "fr"], s.PreferredLabels.Select(l => l.Language)));
        Assert.Equal(19_639, all.Sum(c => c.Broader.Count));
        Assert.Equal(1_088, all.Count(c => c.Collections.Contains(EscoCollection.Digital)));
        // Each collection holds, from the store, the concepts its CSV file lists (read here on their own). The transversal
        // one holds more: the skill groups' inScheme column puts 30 groups in the transversal scheme that its file omits.
        foreach (var collection in EscoCollection.All)
        {
            var members = all.Where(c => c.Collections.Contains(collection)).Select(c => c.Uri).ToHashSet(StringComparer.Ordinal);
            var listed = CollectionFile(collection);
            Assert.Subset(members, listed);
            Assert.Equal(collection == EscoCollection.Transversal ? listed.Count + 30 : listed.Count, members.Count);
        }
        var musical = all.Single(c => c.Uri == MusicalStaff);
        Assert.Equal(6, musical.AlternativeLabels.Count(l => l.Language == "en"));
        Assert.Equal("sector-specific", musical.ReuseLevel);
        Assert.Equal("released", musical.Status);
        Assert.Single(musical.Descriptions);
        // The four pillar roots, and the 299 skills the package gives no broader concept.
        Assert.Equal(4 + 299, all.Count(c => c.Broader.Count == 0));
    }

    [Fact]
    public async Task Finds_the_released_concepts_among_the_URIs_asked()
    {
        var found = await Repository.FindReleasedAsync(
        [
            Haskell, "http://data.europa.eu/esco/skill/unknown", "not an IRI", GenericProgrammes, Haskell,
            "http://x> } } ; DROP GRAPH <http://learning-catalogue.example/graph/meta> ; #", "urn:isbn:0451450523",
        ]);

        Assert.Equal([Haskell, GenericProgrammes], found.Select(f => f.Uri));
        Assert.Contains(new LocalizedText("fr", "Haskell"), found[0].PreferredLabels);
        Assert.Equal(EscoConceptType.SkillGroup, found[1].ConceptType);
    }

    [Theory]
    [InlineData("http://data.europa.eu/esco/skill/x> ?p ?o } } ; DROP GRAPH <http://learning-catalogue.example/graph/meta> ; SELECT * { <a", "en")]
    [InlineData("http://data.europa.eu/esco/skill/x\"", "en")]
    [InlineData(MusicalStaff, "en\")) } } ; CLEAR GRAPH <http://learning-catalogue.example/graph/meta> ; #")]
    [InlineData(MusicalStaff, "fr' || 1")]
    public async Task Refuses_injection_through_the_arguments_and_leaves_the_store_intact(string uri, string language)
    {
        var before = await Repository.CountsAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Repository.GetAsync(uri, language));

        var after = await Repository.CountsAsync();
        Assert.Equal((before.GraphIri, before.Triples), (after.GraphIri, after.Triples));
    }

    private static HashSet<string> CollectionFile(string collection)
    {
        using var reader = new StreamReader(Path.Combine(SharedData.EscoFolder, $"{collection}SkillsCollection_en.csv"));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var uris = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read()) uris.Add(csv.GetField("conceptUri")!);
        return uris;
    }
}
