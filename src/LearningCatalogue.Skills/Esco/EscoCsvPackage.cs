using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Skills.Esco;

/// <summary>A skill-to-skill relation of skillSkillRelations_en.csv: <see cref="Original"/> needs <see cref="Related"/>.</summary>
/// <param name="RelationType">"essential" or "optional", as the CSV spells it.</param>
public sealed record EscoSkillRelation(string Original, string RelationType, string Related);

/// <summary>
/// What a concept carries in the package beyond <see cref="EscoSkill"/> (which is the catalogue's contract and stays
/// small): the concept schemes, hidden labels, scope notes, definitions and the notation of ISCED-F groups.
/// </summary>
public sealed record EscoConceptExtras
{
    public IReadOnlyList<string> InSchemes { get; init; } = [];
    public IReadOnlyList<LocalizedText> HiddenLabels { get; init; } = [];
    public IReadOnlyList<LocalizedText> ScopeNotes { get; init; } = [];
    public IReadOnlyList<LocalizedText> Definitions { get; init; } = [];
    public string? Notation { get; init; }
}

/// <summary>The folder does not hold an ESCO package in the official CSV layout, or a file of it is malformed.</summary>
public sealed class EscoPackageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The skills pillar of an official ESCO CSV package (the "classification" download), read into memory:
/// every <c>skills_&lt;lang&gt;.csv</c> and <c>skillGroups_&lt;lang&gt;.csv</c> present (any language code), the broader
/// relations, the skill-skill relations and the four skill collections.
/// </summary>
public sealed partial class EscoCsvPackage
{
    public const string BroaderRelationsFile = "broaderRelationsSkillPillar_en.csv";
    public const string SkillRelationsFile = "skillSkillRelations_en.csv";

    /// <summary>The collection files, by the collection name of <see cref="EscoCollection"/>.</summary>
    public static IReadOnlyDictionary<string, string> CollectionFiles { get; } = new Dictionary<string, string>
    {
        [EscoCollection.Digital] = "digitalSkillsCollection_en.csv",
        [EscoCollection.Green] = "greenSkillsCollection_en.csv",
        [EscoCollection.Transversal] = "transversalSkillsCollection_en.csv",
        [EscoCollection.Language] = "languageSkillsCollection_en.csv",
    };

    /// <summary>
    /// English is required: it is the language every look-up falls back to, and the relation and collection files of
    /// the package only exist in their _en form.
    /// </summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        ["skills_en.csv", "skillGroups_en.csv", BroaderRelationsFile, SkillRelationsFile, .. CollectionFiles.Values];

    private EscoCsvPackage(string folder, IReadOnlyList<EscoSkill> concepts, IReadOnlyDictionary<string, EscoConceptExtras> extras,
        IReadOnlyList<EscoSkillRelation> relations, IReadOnlyList<string> languages)
    {
        Folder = folder;
        Concepts = concepts;
        Extras = extras;
        Relations = relations;
        Languages = languages;
    }

    public string Folder { get; }

    /// <summary>Skills and knowledge first, then the skill groups; each in the order of the English file.</summary>
    public IReadOnlyList<EscoSkill> Concepts { get; }

    public IReadOnlyDictionary<string, EscoConceptExtras> Extras { get; }

    public IReadOnlyList<EscoSkillRelation> Relations { get; }

    /// <summary>The language codes of the label files found, "en" first, then in ordinal order.</summary>
    public IReadOnlyList<string> Languages { get; }

    public int SkillCount => Concepts.Count(c => c.ConceptType == EscoConceptType.Skill);
    public int GroupCount => Concepts.Count(c => c.ConceptType == EscoConceptType.SkillGroup);

    /// <summary>Reads the package in <paramref name="folder"/>.</summary>
    /// <exception cref="EscoPackageException">The folder or a required file is missing, or a file is malformed.</exception>
    public static EscoCsvPackage Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new EscoPackageException($"The ESCO package folder {folder} does not exist.");
        }
        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new EscoPackageException(
                $"The folder {folder} is not an ESCO CSV package: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.");
        }

        var skillFiles = LabelFiles(folder, SkillsFileName());
        var groupFiles = LabelFiles(folder, GroupsFileName());
        var builders = new Dictionary<string, ConceptBuilder>(StringComparer.Ordinal);
        var order = new List<ConceptBuilder>();

        // English first so that the language-independent columns (type, reuse level, status, schemes) come from the
        // reference language, and so that the concept order is the English file's.
        foreach (var (language, path) in skillFiles)
        {
            ReadConcepts(path, language, EscoConceptType.Skill, builders, order);
        }
        foreach (var (language, path) in groupFiles)
        {
            ReadConcepts(path, language, EscoConceptType.SkillGroup, builders, order);
        }

        foreach (var row in ReadRows(Path.Combine(folder, BroaderRelationsFile), "conceptUri", "broaderUri"))
        {
            var uri = row["conceptUri"];
            var broader = row["broaderUri"];
            // A relation to a concept outside the pillar would leave a dangling link in the store; the official package
            // has none, so such a row means a truncated or mixed package.
            if (!builders.TryGetValue(uri, out var concept) || !builders.ContainsKey(broader))
            {
                throw new EscoPackageException($"{BroaderRelationsFile}: {uri} -> {broader} names a concept that no skills or skill group file holds.");
            }
            concept.Broader.Add(broader);
        }

        var relations = new List<EscoSkillRelation>();
        var seenRelations = new HashSet<EscoSkillRelation>();
        foreach (var row in ReadRows(Path.Combine(folder, SkillRelationsFile), "originalSkillUri", "relationType", "relatedSkillUri"))
        {
            var relation = new EscoSkillRelation(row["originalSkillUri"], row["relationType"].Trim().ToLowerInvariant(), row["relatedSkillUri"]);
            if (relation.RelationType is not ("essential" or "optional"))
            {
                throw new EscoPackageException($"{SkillRelationsFile}: unknown relationType '{relation.RelationType}' for {relation.Original}.");
            }
            if (!builders.ContainsKey(relation.Original) || !builders.ContainsKey(relation.Related))
            {
                throw new EscoPackageException($"{SkillRelationsFile}: {relation.Original} -> {relation.Related} names an unknown concept.");
            }
            if (seenRelations.Add(relation))
            {
                relations.Add(relation);
            }
        }

        foreach (var (collection, file) in CollectionFiles)
        {
            foreach (var row in ReadRows(Path.Combine(folder, file), "conceptUri"))
            {
                if (!builders.TryGetValue(row["conceptUri"], out var concept))
                {
                    throw new EscoPackageException($"{file}: {row["conceptUri"]} is in no skills file.");
                }
                concept.Collections.Add(collection);
            }
        }

        var languages = skillFiles.Select(f => f.Language).Concat(groupFiles.Select(f => f.Language)).Distinct().ToList();
        var concepts = order.Where(b => b.ConceptType == EscoConceptType.Skill)
            .Concat(order.Where(b => b.ConceptType == EscoConceptType.SkillGroup))
            .ToList();
        return new EscoCsvPackage(
            Path.GetFullPath(folder),
            concepts.Select(b => b.ToSkill()).ToList(),
            concepts.ToDictionary(b => b.Uri, b => b.ToExtras(), StringComparer.Ordinal),
            relations,
            languages);
    }

    [GeneratedRegex(@"^skills_(?<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\.csv$")]
    private static partial Regex SkillsFileName();

    [GeneratedRegex(@"^skillGroups_(?<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\.csv$")]
    private static partial Regex GroupsFileName();

    /// <summary>The label files of one kind, English first: the language comes from the file name, lower-cased.</summary>
    private static List<(string Language, string Path)> LabelFiles(string folder, Regex pattern) =>
        Directory.EnumerateFiles(folder)
            .Select(path => (Path: path, Match: pattern.Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (Language: f.Match.Groups["lang"].Value.ToLowerInvariant(), f.Path))
            .OrderBy(f => f.Language == "en" ? 0 : 1)
            .ThenBy(f => f.Language, StringComparer.Ordinal)
            .ToList();

    private static void ReadConcepts(string path, string language, string conceptType,
        Dictionary<string, ConceptBuilder> builders, List<ConceptBuilder> order)
    {
        foreach (var row in ReadRows(path, "conceptUri", "preferredLabel"))
        {
            var uri = row["conceptUri"];
            var type = row.GetValueOrDefault("conceptType") is { Length: > 0 } t ? t : conceptType;
            if (type is not (EscoConceptType.Skill or EscoConceptType.SkillGroup))
            {
                throw new EscoPackageException($"{Path.GetFileName(path)}: {uri} has the unknown conceptType '{type}'.");
            }
            if (!builders.TryGetValue(uri, out var concept))
            {
                concept = new ConceptBuilder(uri, type);
                builders.Add(uri, concept);
                order.Add(concept);
            }
            concept.SkillType ??= NullIfEmpty(row.GetValueOrDefault("skillType"));
            concept.ReuseLevel ??= NullIfEmpty(row.GetValueOrDefault("reuseLevel"));
            concept.Status ??= NullIfEmpty(row.GetValueOrDefault("status"));
            concept.Notation ??= NullIfEmpty(row.GetValueOrDefault("code"));
            foreach (var scheme in SplitList(row.GetValueOrDefault("inScheme"), ','))
            {
                concept.InSchemes.Add(scheme);
            }
            concept.Add(concept.PreferredLabels, language, row["preferredLabel"]);
            foreach (var label in SplitList(row.GetValueOrDefault("altLabels")))
            {
                concept.Add(concept.AlternativeLabels, language, label);
            }
            foreach (var label in SplitList(row.GetValueOrDefault("hiddenLabels")))
            {
                concept.Add(concept.HiddenLabels, language, label);
            }
            concept.Add(concept.Descriptions, language, row.GetValueOrDefault("description"));
            concept.Add(concept.Definitions, language, row.GetValueOrDefault("definition"));
            concept.Add(concept.ScopeNotes, language, row.GetValueOrDefault("scopeNote"));
        }
    }

    /// <summary>
    /// Multi-valued cells: the package separates values by line breaks (labels, schemes); some releases separate
    /// schemes by commas, which never occur inside a URI of ESCO. Labels are not split on commas: they contain them.
    /// </summary>
    private static IEnumerable<string> SplitList(string? cell, params char[] extraSeparators)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }
        char[] separators = ['\n', '\r', .. extraSeparators];
        return cell.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Reads a CSV file with a header into dictionaries by column name, checking the required columns.</summary>
    private static IEnumerable<Dictionary<string, string>> ReadRows(string path, params string[] requiredColumns)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Quoted cells span several lines (altLabels); a bad row must fail the read, not vanish.
            BadDataFound = args => throw new EscoPackageException($"{file}: malformed CSV at row {args.Context.Parser?.Row}: {args.RawRecord}"),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new EscoPackageException($"{file} is empty: it has no header row.");
        }
        var header = csv.HeaderRecord ?? [];
        var absent = requiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (absent.Count > 0)
        {
            throw new EscoPackageException($"{file} lacks the column(s) {string.Join(", ", absent)}.");
        }
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.TryGetField<string>(i, out var value) ? value ?? "" : "";
            }
            foreach (var column in requiredColumns)
            {
                if (string.IsNullOrWhiteSpace(row[column]))
                {
                    throw new EscoPackageException($"{file}: row {csv.Parser.Row} has an empty {column}.");
                }
                row[column] = row[column].Trim();
            }
            yield return row;
        }
    }

    private sealed class ConceptBuilder(string uri, string conceptType)
    {
        public string Uri { get; } = uri;
        public string ConceptType { get; } = conceptType;
        public string? SkillType { get; set; }
        public string? ReuseLevel { get; set; }
        public string? Status { get; set; }
        public string? Notation { get; set; }
        public List<LocalizedText> PreferredLabels { get; } = [];
        public List<LocalizedText> AlternativeLabels { get; } = [];
        public List<LocalizedText> HiddenLabels { get; } = [];
        public List<LocalizedText> Descriptions { get; } = [];
        public List<LocalizedText> Definitions { get; } = [];
        public List<LocalizedText> ScopeNotes { get; } = [];
        public List<string> Broader { get; } = [];
        public SortedSet<string> Collections { get; } = new(StringComparer.Ordinal);
        public List<string> InSchemes { get; } = [];

        /// <summary>Adds a text once: ESCO repeats labels across rows of one file only by mistake, and RDF would merge them anyway.</summary>
        public void Add(List<LocalizedText> texts, string language, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }
            // The repository reads texts back concatenated with these two as separators (see EscoSkillRepository).
            if (value.Contains('\u001e') || value.Contains('\u001f'))
            {
                throw new EscoPackageException($"A text of {Uri} contains the control character U+001E or U+001F.");
            }
            var text = new LocalizedText(language, value.Trim());
            if (!texts.Contains(text))
            {
                texts.Add(text);
            }
        }

        public EscoSkill ToSkill() => new()
        {
            Uri = Uri,
            ConceptType = ConceptType,
            SkillType = SkillType,
            ReuseLevel = ReuseLevel,
            Status = Status ?? "released",
            PreferredLabels = PreferredLabels,
            AlternativeLabels = AlternativeLabels,
            Descriptions = Descriptions,
            Broader = Broader.Distinct(StringComparer.Ordinal).ToList(),
            Collections = Collections.ToList(),
        };

        public EscoConceptExtras ToExtras() => new()
        {
            InSchemes = InSchemes.Distinct(StringComparer.Ordinal).ToList(),
            HiddenLabels = HiddenLabels,
            ScopeNotes = ScopeNotes,
            Definitions = Definitions,
            Notation = Notation,
        };
    }
}
