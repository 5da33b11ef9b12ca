using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills.Tests.Suggestion;

public sealed class SkillSuggestionIndexTests : IDisposable
{
    private const string ManageProjects = "http://data.europa.eu/esco/skill/test-manage-projects";
    private const string LeadTeams = "http://data.europa.eu/esco/skill/test-lead-teams";
    private const string Java = "http://data.europa.eu/esco/skill/test-java";
    private const string CSharp = "http://data.europa.eu/esco/skill/test-csharp";
    private const string Databases = "http://data.europa.eu/esco/skill/test-databases";
    private const string Obsolete = "http://data.europa.eu/esco/skill/test-obsolete";
    private const string Group = "http://data.europa.eu/esco/isced-f/test-group";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "skill-suggestion-tests-" + Guid.NewGuid().ToString("N"));
    private readonly SkillSuggestionIndex index;

    public SkillSuggestionIndexTests()
    {
        index = new SkillSuggestionIndex(folder);
        index.Build(Skills());
    }

    public void Dispose()
    {
        index.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<EscoSkill> Skills() =>
    [
        Skill(ManageProjects, "skill/competence",
            [new("en", "manage projects"), new("fr", "gérer des projets"), new("es", "gestionar proyectos")],
            [new("en", "project management"), new("fr", "gestion de projets")],
            [new("en", "Plan and coordinate the resources, schedule and budget of a project.")]),
        Skill(LeadTeams, "skill/competence",
            [new("en", "lead teams"), new("fr", "diriger des équipes"), new("es", "dirigir equipos")],
            [new("en", "supervise a team"), new("fr", "gérer une équipe")],
            [new("en", "Guide and motivate the members of a team towards shared goals.")]),
        Skill(Java, "knowledge",
            [new("en", "Java (computer programming)"), new("fr", "Java (programmation informatique)")],
            [new("en", "Java")],
            [new("en", "The techniques of software development in Java, such as analysis, algorithms, coding and testing.")]),
        Skill(CSharp, "knowledge", [new("en", "C#")], [], [new("en", "The programming language C#.")]),
        Skill(Databases, "skill/competence",
            [new("en", "design databases"), new("fr", "concevoir des bases de données"), new("es", "diseñar bases de datos")],
            [new("en", "database design")], []),
        Skill(Obsolete, "skill/competence", [new("en", "manage project files")], [], []) with { Status = "obsolete" },
        Skill(Group, null, [new("en", "managing projects and teams")], [], []) with { ConceptType = EscoConceptType.SkillGroup },
    ];

    private static EscoSkill Skill(string uri, string? type, LocalizedText[] preferred, LocalizedText[] alternative, LocalizedText[] descriptions) =>
        new() { Uri = uri, SkillType = type, PreferredLabels = preferred, AlternativeLabels = alternative, Descriptions = descriptions };

    [Fact]
    public void Stems_english_words()
    {
        var best = index.Suggest("Managing a project from start to finish", "en", 3)[0];

        Assert.Equal(ManageProjects, best.Uri);
        Assert.Equal("manage projects", best.Label);
        Assert.Equal("skill/competence", best.SkillType);
    }

    [Fact]
    public void Matches_french_words_with_or_without_accents()
    {
        Assert.Equal(LeadTeams, index.Suggest("Diriger une équipe pluridisciplinaire", "fr", 3)[0].Uri);
        Assert.Equal(LeadTeams, index.Suggest("diriger une equipe pluridisciplinaire", "fr", 3)[0].Uri);
    }

    [Fact]
    public void Finds_the_same_skill_in_french_spanish_and_english()
    {
        var english = index.Suggest("Design a relational database", "en", 1).Single();
        var french = index.Suggest("Concevoir une base de données relationnelle", "fr", 1).Single();
        var spanish = index.Suggest("Diseñar una base de datos relacional", "es-ES", 1).Single();

        Assert.Equal(Databases, english.Uri);
        Assert.Equal(Databases, french.Uri);
        Assert.Equal(Databases, spanish.Uri);
        Assert.Equal("concevoir des bases de données", french.Label);
        Assert.Equal("fr", french.Evidence[0].Language);
        Assert.Equal("es", spanish.Evidence[0].Language);
    }

    [Fact]
    public void Labels_fall_back_to_english_when_the_language_has_none()
    {
        var suggestion = index.Suggest("Programmer en Java", "fr", 1).Single();

        Assert.Equal(Java, suggestion.Uri);
        Assert.Equal("Java (programmation informatique)", suggestion.Label);
        Assert.Equal("Java (computer programming)", index.Suggest("Programar en Java", "es", 5).Single(s => s.Uri == Java).Label);
    }

    [Fact]
    public void Suggests_only_released_skills_and_no_groups()
    {
        var uris = index.Suggest("manage project files, managing projects and teams", "en", 10).Select(s => s.Uri).ToList();

        Assert.Contains(ManageProjects, uris);
        Assert.DoesNotContain(Obsolete, uris);
        Assert.DoesNotContain(Group, uris);
        Assert.Equal(5, index.SkillCount);
    }

    [Fact]
    public void Returns_at_most_k_suggestions_best_first()
    {
        var all = index.Suggest("Lead the project team, manage projects and design databases in Java", "en", 10);
        var two = index.Suggest("Lead the project team, manage projects and design databases in Java", "en", 2);

        Assert.True(all.Count > 2);
        Assert.Equal(2, two.Count);
        Assert.Equal(all.Take(2).Select(s => s.Uri), two.Select(s => s.Uri));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Suggest("Java", "en", 0));
    }

    [Fact]
    public void Evidence_names_the_matched_label_and_words()
    {
        var suggestion = index.Suggest("Experience is required to supervise the support teams", "en", 1).Single();

        Assert.Equal(LeadTeams, suggestion.Uri);
        var label = suggestion.Evidence[0];
        Assert.Equal(SkillEvidenceField.AlternativeLabel, label.Field);
        Assert.Equal("en", label.Language);
        Assert.Equal("supervise a team", label.Text);
        Assert.Equal(["supervise", "teams"], label.MatchedTerms);
    }

    [Fact]
    public void Evidence_includes_the_description_when_its_words_matched()
    {
        var suggestion = index.Suggest("Write Java code and algorithms", "en", 5).Single(s => s.Uri == Java);

        var description = Assert.Single(suggestion.Evidence, e => e.Field == SkillEvidenceField.Description);
        Assert.Contains("algorithms", description.MatchedTerms);
        Assert.Contains(suggestion.Evidence, e => e.Field == SkillEvidenceField.AlternativeLabel && e.MatchedTerms.SequenceEqual(["Java"]));
    }

    [Fact]
    public void Keeps_csharp_apart_from_other_languages()
    {
        Assert.Equal(CSharp, index.Suggest("Experience with C# and .NET", "en", 1).Single().Uri);
        var other = index.Suggest("Experience with C and Go", "en", 5);
        Assert.True(other.All(s => s.Uri != CSharp), string.Join("; ", other.Select(s => s.Uri + " " + string.Join("|", s.Evidence))));
    }

    [Fact]
    public void A_rebuild_replaces_the_index_and_survives_reopening()
    {
        index.Build([Skill(Java, "knowledge", [new("en", "Java (computer programming)")], [], [])]);

        Assert.Equal(1, index.SkillCount);
        Assert.Empty(index.Suggest("manage projects", "en", 5));
        Assert.Single(Directory.GetDirectories(folder));
        using var reopened = new SkillSuggestionIndex(folder);
        Assert.True(reopened.IsAvailable);
        Assert.Equal(Java, reopened.Suggest("java developer", "en", 5).Single().Uri);
    }

    [Fact]
    public async Task Builds_from_an_async_stream_while_searches_run()
    {
        using var cancel = new CancellationTokenSource();
        var searching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var searches = Task.Run(() =>
        {
            var count = 0;
            while (!cancel.IsCancellationRequested)
            {
                Assert.NotEmpty(index.Suggest("design databases", "en", 3));
                count++;
                searching.TrySetResult();
            }
            return count;
        });

        // The builds start once searches run, however late the thread pool schedules them on a loaded machine.
        await searching.Task;
        await index.BuildAsync(Skills().ToAsyncEnumerable());
        await index.BuildAsync(Skills().ToAsyncEnumerable());
        await cancel.CancelAsync();

        Assert.True(await searches > 0);
        Assert.Equal(5, index.SkillCount);
    }

    [Fact]
    public void An_index_never_built_refuses_to_suggest()
    {
        using var empty = new SkillSuggestionIndex(Path.Combine(folder, "never-built"));

        Assert.False(empty.IsAvailable);
        Assert.Throws<InvalidOperationException>(() => empty.Suggest("Java", "en", 5));
    }
}
