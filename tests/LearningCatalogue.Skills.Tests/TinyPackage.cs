namespace LearningCatalogue.Skills.Tests;

/// <summary>
/// A small ESCO package in the official layout, written to a temporary folder: two pillar roots, a group, three
/// skills with labels that need escaping, relations and collections; French beside English, and German for one skill.
/// </summary>
public sealed class TinyPackage : IDisposable
{
    public const string Root = "http://data.europa.eu/esco/skill/root";
    public const string KnowledgeRoot = "http://data.europa.eu/esco/skill/knowledge-root";
    public const string Group = "http://data.europa.eu/esco/skill/group-1";
    public const string Tricky = "http://data.europa.eu/esco/skill/tricky";
    public const string Plain = "http://data.europa.eu/esco/skill/plain";
    public const string Knowledge = "http://data.europa.eu/esco/skill/knowledge-1";

    /// <summary>Quotes, a backslash, a tab, a comma, a non-ASCII letter and an attempt at closing the N-Triples literal.</summary>
    public const string TrickyLabel = "use \"quoted\" C:\\path, tab\there; é > \" . <x> <y> <z> .";

    public TinyPackage(bool withGerman = true)
    {
        Folder = Directory.CreateTempSubdirectory("esco-tiny-").FullName;
        const string skillHeader = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description";
        Write("skills_en.csv", skillHeader,
            $"KnowledgeSkillCompetence,{Tricky},skill/competence,transversal,{Csv(TrickyLabel)},\"first alt\nsecond alt\n\",,released,,,,http://data.europa.eu/esco/concept-scheme/skills,\"Line one.\nLine two with \"\"quotes\"\".\"",
            $"KnowledgeSkillCompetence,{Plain},skill/competence,cross-sector,plain skill,,,released,,,,http://data.europa.eu/esco/concept-scheme/skills,A plain skill.",
            $"KnowledgeSkillCompetence,{Knowledge},skill/competence knowledge,sector-specific,some knowledge,,,released,,,,http://data.europa.eu/esco/concept-scheme/skills,");
        Write("skills_fr.csv", skillHeader,
            $"KnowledgeSkillCompetence,{Tricky},skill/competence,transversal,compétence « délicate »,,,released,,,,http://data.europa.eu/esco/concept-scheme/skills,",
            $"KnowledgeSkillCompetence,{Plain},skill/competence,cross-sector,compétence simple,\"simple\ncompétence\",,released,,,,http://data.europa.eu/esco/concept-scheme/skills,Une compétence simple.",
            $"KnowledgeSkillCompetence,{Knowledge},skill/competence knowledge,sector-specific,des connaissances,,,released,,,,http://data.europa.eu/esco/concept-scheme/skills,");
        if (withGerman)
        {
            Write("skills_de.csv", skillHeader,
                $"KnowledgeSkillCompetence,{Plain},skill/competence,cross-sector,einfache Fähigkeit,,,released,,,,http://data.europa.eu/esco/concept-scheme/skills,");
        }
        const string groupHeader = "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code";
        Write("skillGroups_en.csv", groupHeader,
            $"SkillGroup,{Root},skills,,,released,,,\"http://data.europa.eu/esco/concept-scheme/skills\nhttp://data.europa.eu/esco/concept-scheme/skills-hierarchy\",The skills root.,S",
            $"SkillGroup,{KnowledgeRoot},knowledge,,,released,,,http://data.europa.eu/esco/concept-scheme/skills,,K",
            $"SkillGroup,{Group},a group,,,released,,,http://data.europa.eu/esco/concept-scheme/skills,,S1");
        Write("skillGroups_fr.csv", groupHeader,
            $"SkillGroup,{Root},aptitudes,,,released,,,http://data.europa.eu/esco/concept-scheme/skills,,S");
        Write("broaderRelationsSkillPillar_en.csv", "conceptType,conceptUri,broaderType,broaderUri",
            $"SkillGroup,{Group},SkillGroup,{Root}",
            $"KnowledgeSkillCompetence,{Tricky},SkillGroup,{Group}",
            $"KnowledgeSkillCompetence,{Plain},KnowledgeSkillCompetence,{Tricky}",
            $"KnowledgeSkillCompetence,{Knowledge},SkillGroup,{KnowledgeRoot}",
            $"KnowledgeSkillCompetence,{Knowledge},SkillGroup,{Group}");
        Write("skillSkillRelations_en.csv", "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri",
            $"{Plain},skill/competence,essential,knowledge,{Knowledge}",
            $"{Tricky},skill/competence,optional,skill/competence,{Plain}",
            $"{Tricky},skill/competence,optional,skill/competence,{Plain}");
        const string collectionHeader = "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT";
        Write("digitalSkillsCollection_en.csv", collectionHeader, $"KnowledgeSkillCompetence,{Plain},plain skill,released,skill/competence,cross-sector,,,,");
        Write("greenSkillsCollection_en.csv", collectionHeader);
        Write("transversalSkillsCollection_en.csv", collectionHeader, $"KnowledgeSkillCompetence,{Tricky},x,released,skill/competence,transversal,,,,");
        Write("languageSkillsCollection_en.csv", collectionHeader);
    }

    public string Folder { get; }

    public void Delete(string file) => File.Delete(Path.Combine(Folder, file));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Write(string file, string header, params string[] rows) =>
        File.WriteAllText(Path.Combine(Folder, file), string.Join("\n", [header, .. rows]) + "\n");

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
