using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace LearningCatalogue.Skills.Suggestion;

/// <summary>
/// The analyzers of the suggestion index. "#" and "++" after a letter are spelled out first ("C#" becomes "csharp",
/// "C++" "cplusplus"): the standard tokenizer drops them and would make C, C# and C++ one term. Then one analyzer per
/// language, chosen by the language suffix of the field name ("label_fr" is analyzed in French). The same instance analyzes documents and queries, so both sides agree.
/// </summary>
internal sealed class SkillAnalyzers : AnalyzerWrapper
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly ConcurrentDictionary<string, Analyzer> byLanguage = new(StringComparer.Ordinal);

    public SkillAnalyzers() : base(PER_FIELD_REUSE_STRATEGY) { }

    /// <summary>"en-GB" and "EN" both index and search as "en": ESCO labels carry bare language tags.</summary>
    public static string NormalizeLanguage(string language)
    {
        var tag = language.Trim().ToLowerInvariant();
        var dash = tag.IndexOfAny(['-', '_']);
        return dash > 0 ? tag[..dash] : tag;
    }

    public static string LanguageOfField(string fieldName)
    {
        var underscore = fieldName.IndexOf('_');
        return underscore < 0 ? "" : fieldName[(underscore + 1)..];
    }

    public Analyzer ForLanguage(string language) => byLanguage.GetOrAdd(language, Create);

    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> cueTerms = new(StringComparer.Ordinal);

    /// <summary>
    /// The analyzed forms of <see cref="CueWords"/> in <paramref name="language"/>: words with which job ads and learning
    /// outcomes introduce a skill ("experience with", "knowledge of", "be able to") rather than name it. They are not
    /// stop words (ESCO has "user experience"), so a search weighs them down instead of dropping them.
    /// </summary>
    public IReadOnlySet<string> CueTerms(string language) => cueTerms.GetOrAdd(language, l =>
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        if (!CueWords.TryGetValue(l, out var words)) return terms;
        using var stream = GetTokenStream("label_" + l, words);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    });

    /// <summary>Requirement and outcome phrasing of job ads and learning outcomes, by language (general, not per data set).</summary>
    private static readonly Dictionary<string, string> CueWords = new(StringComparer.Ordinal)
    {
        ["en"] = "experience experienced knowledge knowledgeable ability able skill skills skilled understanding understand " +
                 "proficiency proficient familiarity familiar expertise expert strong good great excellent solid advanced " +
                 "basic year years required requirement requirements preferred preferably plus advantage candidate role " +
                 "position job responsibilities responsible qualification qualifications student students learner learners " +
                 "participant participants competence competences competent",
        ["fr"] = "expérience expériences connaissance connaissances capacité capacités capable compétence compétences " +
                 "maîtrise maîtriser bon bonne bonnes excellent excellente solide solides avancé année années an ans requis " +
                 "souhaité souhaitée atout candidat candidate poste étudiant étudiants apprenant apprenants participant participants",
        ["es"] = "experiencia experiencias conocimiento conocimientos capacidad capacidades capaz habilidad habilidades " +
                 "competencia competencias dominio buen buena buenos buenas excelente sólido sólida avanzado año años " +
                 "requisito requisitos requerido deseable candidato candidata puesto estudiante estudiantes alumno alumnos " +
                 "participante participantes",
    };

    protected override Analyzer GetWrappedAnalyzer(string fieldName) => ForLanguage(LanguageOfField(fieldName));

    // A captured letter rather than a look-behind: PatternReplaceCharFilter does not match look-behinds.
    private static readonly Regex Sharp = new(@"(\p{L})#", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex PlusPlus = new(@"(\p{L})\+\+", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new PatternReplaceCharFilter(PlusPlus, "$1plusplus", new PatternReplaceCharFilter(Sharp, "$1sharp", reader));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var analyzer in byLanguage.Values) analyzer.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Analyzer Create(string language) => new AccentFoldingAnalyzer(language switch
    {
        // EnglishAnalyzer's default stop set has 33 words; job ads and learning outcomes are full of pronouns and
        // auxiliaries ("you", "we", "have", "should") that would otherwise match rare label words.
        "en" => new EnglishAnalyzer(Version, EnglishStopWords),
        "fr" => new FrenchAnalyzer(Version),
        "es" => new SpanishAnalyzer(Version),
        _ => new StandardAnalyzer(Version),
    });


    /// <summary>The Snowball English stop list (general English function words, nothing domain-specific).</summary>
    private static readonly CharArraySet EnglishStopWords = new(Version,
    [
        "i", "me", "my", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
        "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would", "should",
        "could", "ought", "will", "shall", "may", "might", "must", "can", "a", "an", "the", "and", "but", "if", "or",
        "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into",
        "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
        "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any",
        "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
        "than", "too", "very", "etc", "e.g", "i.e", "also", "within", "via", "per",
    ], ignoreCase: true);
}
