using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Catalogue.Vocabularies;

namespace LearningCatalogue.Catalogue.Import;

public sealed record EdxImportOptions
{
    /// <summary>Import the valid rows and report the invalid ones, instead of importing nothing when a row is invalid.</summary>
    public bool SkipInvalidRows { get; init; }

    /// <summary>Store the entries as published rather than as drafts: an administrator's option for the sample corpus.</summary>
    public bool Publish { get; init; }

    /// <summary>Applied to each mapped entry before it is stored (for example, to link its outcomes to suggested skills).</summary>
    public Func<LearningOpportunity, LearningOpportunity>? Enrich { get; init; }
}

public sealed record ImportReport(int Imported, int Skipped, IReadOnlyList<RowReport> Rows)
{
    /// <summary>The entries stored, as stored (with their ids).</summary>
    public IReadOnlyList<LearningOpportunity> Entries { get; init; } = [];
}

/// <summary>What became of one record of the file.</summary>
/// <param name="Row">1-based number of the data row (CSV record); the header is not counted.</param>
/// <param name="Line">1-based line of the file on which the record starts (quoted fields may span lines).</param>
/// <param name="Errors">Why the row cannot be imported; empty when it can.</param>
/// <param name="Warnings">Values of the row that were not understood and were left out of the entry.</param>
/// <param name="Missing">The mandatory Annex I elements the imported entry does not carry.</param>
public sealed record RowReport(
    int Row, int Line, string? Key, string? Title,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<AnnexElement> Missing)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Errors and warnings on one line, for display; null when there are none.</summary>
    public string? Problem => Errors.Count + Warnings.Count == 0 ? null : string.Join(" ", Errors.Concat(Warnings));
}

/// <summary>The file, or a row of it, cannot be imported; nothing has been stored.</summary>
public sealed class EdxImportException(string message, IReadOnlyList<RowReport> invalidRows) : Exception(message)
{
    public IReadOnlyList<RowReport> InvalidRows { get; } = invalidRows;
}

/// <summary>
/// Imports an edX course listing (a CSV with the columns title, summary, ..., course_url) as draft entries,
/// in one transaction through <see cref="CatalogueService.CreateManyAsync"/>. Keys are unique within the file; a key
/// already taken in the catalogue (the same file imported twice) fails the whole import with a DuplicateKeyException.
/// </summary>
public sealed partial class EdxCourseImporter(CatalogueService catalogue, IVocabularyCatalog vocabularies)
{
    private static readonly string[] Columns =
    [
        "title", "summary", "n_enrolled", "course_type", "institution", "instructors", "Level", "subject", "language",
        "subtitles", "course_effort", "course_length", "price", "course_description", "course_syllabus", "course_url",
    ];

    // edX writes language names in the language itself; names missing here are looked up among .NET's culture names.
    private static readonly Dictionary<string, string> LanguageTags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["English"] = "en", ["Español"] = "es", ["Français"] = "fr", ["Italiano"] = "it", ["Português"] = "pt",
        ["Deutsch"] = "de", ["中文"] = "zh", ["日本語"] = "ja", ["اللغة العربية"] = "ar",
    };

    // Every edX course is taken online on a MOOC platform: that is a fact of the source, not a guess per row.
    private const string OnlineMode = "920fbb3cbe";
    private const string MoocType = "17744a2647";

    // Leaves room under the 200-character key limit for a de-duplicating suffix.
    private const int MaxSlugLength = 80;

    private readonly LearningOpportunityValidator _validator = new(vocabularies);

    /// <summary>
    /// Reads every row, then stores the valid ones in one transaction. Unless <see cref="EdxImportOptions.SkipInvalidRows"/>
    /// is set, one invalid row stores nothing and throws an <see cref="EdxImportException"/> naming the invalid rows.
    /// Progress is the number of rows read so far.
    /// </summary>
    public async Task<ImportReport> ImportAsync(
        TextReader csv, EdxImportOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new EdxImportOptions();
        string? badField = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = args => badField ??= args.Field };
        using var parser = new CsvParser(csv, config);

        if (!await parser.ReadAsync()) throw new EdxImportException("The file is empty: it has no header row.", []);
        var header = parser.Record!;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++) columns.TryAdd(header[i].Trim(), i);
        var missingColumns = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missingColumns.Count > 0)
        {
            throw new EdxImportException($"The header lacks the columns {string.Join(", ", missingColumns)}.", []);
        }

        var rows = new List<RowReport>();
        var entries = new List<(LearningOpportunity Entry, int Row)>();
        var usedKeys = new HashSet<(string Scope, string Key)>();
        // Counted here: the parser's own row number also counts blank lines.
        var number = 0;
        while (true)
        {
            badField = null;
            if (!await parser.ReadAsync()) break;
            cancellationToken.ThrowIfCancellationRequested();

            number++;
            var line = parser.RawRow - parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            var fields = parser.Record!;
            RowReport row;
            if (badField is not null) row = Invalid(number, line, null, $"Bad quoting in the field starting «{Excerpt(badField)}».");
            else if (fields.Length != header.Length) row = Invalid(number, line, null, $"The row has {fields.Length} fields; the header has {header.Length}.");
            else
            {
                row = MapRow(number, line, name => fields[columns[name]].Trim(), usedKeys, out var entry);
                if (entry is not null) entries.Add((entry, rows.Count));
            }
            rows.Add(row);
            progress?.Report(number);
        }

        var invalid = rows.Where(r => !r.IsValid).ToList();
        if (invalid.Count > 0 && !options.SkipInvalidRows)
        {
            var more = invalid.Count > 1 ? $" {invalid.Count - 1} more rows are invalid." : "";
            throw new EdxImportException($"Nothing was imported: {Describe(invalid[0])}{more}", invalid);
        }

        IReadOnlyList<LearningOpportunity> stored;
        try
        {
            var enrich = options.Enrich ?? (entry => entry);
            stored = await catalogue.CreateManyAsync(entries.Select(e => enrich(e.Entry)), cancellationToken,
                options.Publish ? PublicationStatus.Published : PublicationStatus.Draft);
        }
        catch (CatalogueValidationException e) when (e.EntryIndex is { } index)
        {
            // The service validated with its own vocabularies and disagreed with ours: still name the row.
            var row = rows[entries[index].Row] with { Errors = [e.Result.ToString()] };
            throw new EdxImportException($"Nothing was imported: {Describe(row)}", [row]);
        }
        return new ImportReport(entries.Count, invalid.Count, rows) { Entries = stored };
    }

    private RowReport MapRow(int number, int line, Func<string, string> field, HashSet<(string, string)> usedKeys, out LearningOpportunity? entry)
    {
        entry = null;
        var title = field("title");
        if (title.Length == 0) return Invalid(number, line, null, "The title is missing.");
        if (LanguageTag(field("language")) is not { } language)
        {
            return Invalid(number, line, title, $"Unknown language '{field("language")}'.");
        }

        var warnings = new List<string>();
        var code = CultureInfo.GetCultureInfo(language).ThreeLetterISOLanguageName.ToUpperInvariant();
        IReadOnlyList<string> instructionLanguages = vocabularies.Contains(VocabularyScheme.Language, code) ? [code] : [];
        if (instructionLanguages.Count == 0) warnings.Add($"Language '{code}' is not in the language table; no instruction language.");

        var (fees, certificate) = Fees(field("price"), warnings);
        var (duration, hours) = Workload(field("course_effort"), field("course_length"), warnings);
        var summary = field("summary");
        var institution = field("institution");
        var url = field("course_url");
        var homepage = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? url : null;
        if (homepage is null && url.Length > 0) warnings.Add($"course_url '{url}' is not an absolute http(s) URL; no homepage.");

        var courseType = field("course_type");
        var selfPaced = courseType.StartsWith("Self-paced", StringComparison.OrdinalIgnoreCase);
        if (!selfPaced && !courseType.StartsWith("Instructor-led", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"course_type '{courseType}' not understood; taken as not self-paced.");
        }

        var candidate = new LearningOpportunity
        {
            // No country: the source does not give one, and completeness reports it missing rather than a guess hiding it.
            Providers = institution.Length > 0 ? [new Provider { Name = institution }] : [],
            // Every text takes the row's language, the only language the source states; a few 中文 and 日本語 rows
            // have English titles and summaries, which are tagged zh or ja all the same.
            Title = [new(language, title)],
            Summary = Text(language, summary),
            Description = Text(language, field("course_description")),
            // Kept apart rather than appended to the description, so the provider's own description stays as written.
            FurtherInformation = Text(language, field("course_syllabus")),
            // The source lists no learning outcomes; its one-line summary says what the learner gets, so it stands in, marked as derived.
            LearningOutcomes = summary.Length > 0
                ? [new LearningOutcome { Id = Guid.NewGuid(), Text = [new(language, summary)], Origin = OutcomeOrigin.DerivedFromSummary }]
                : [],
            WorkloadHours = hours,
            // EqfLevel stays null: the Level column (Introductory/Intermediate/Advanced) is relative to the subject,
            // not to the EQF descriptors; an introductory course can sit at EQF 4 or 7. Completeness reports it missing.
            Mode = OnlineMode,
            OpportunityType = MoocType,
            InstructionLanguages = instructionLanguages,
            SelfPaced = selfPaced,
            Duration = duration,
            Fees = fees,
            Homepage = homepage,
            // A verified certificate attests completion of a course, not a micro-credential in the Annex I sense.
            CredentialKind = certificate ? CredentialKind.CertificateOfParticipation : CredentialKind.None,
        };

        var scope = institution.ToLowerInvariant();
        var slug = Slug(title) is { Length: > 0 } s ? s : Slug(url.TrimEnd('/').Split('/')[^1]) is { Length: > 0 } u ? u : "course";
        var key = slug;
        for (var n = 2; usedKeys.Contains((scope, key)); n++) key = $"{slug}-{n}";
        candidate = candidate with { Key = key };

        var result = _validator.Validate(candidate);
        if (!result.IsValid) return Invalid(number, line, title, result.ToString());
        usedKeys.Add((scope, key));
        entry = candidate;
        return new RowReport(number, line, key, title, [], warnings, CompletenessCheck.Check(candidate).Missing);
    }

    private static string? LanguageTag(string name)
    {
        if (LanguageTags.TryGetValue(name, out var tag)) return tag;
        return CultureInfo.GetCultures(CultureTypes.NeutralCultures)
            .FirstOrDefault(c => c.Name.Length > 0
                && (string.Equals(c.EnglishName, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.NativeName, name, StringComparison.OrdinalIgnoreCase)))
            ?.Name;
    }

    /// <summary>"FREE-Add a Verified Certificate for $49 USD": the course is free, the verified certificate costs 49 USD.</summary>
    private (IReadOnlyList<Fee> Fees, bool Certificate) Fees(string price, List<string> warnings)
    {
        var match = PricePattern().Match(price);
        if (!match.Success)
        {
            warnings.Add($"price '{price}' not understood; fees left unknown.");
            return ([], false);
        }
        var currency = match.Groups["currency"].Value.ToUpperInvariant();
        if (!vocabularies.Contains(VocabularyScheme.Currency, currency))
        {
            warnings.Add($"Currency '{currency}' is not in the currency table; fees left unknown.");
            return ([], false);
        }
        var amount = decimal.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return ([new Fee(0m, currency, "course"), new Fee(amount, currency, "verified certificate")], true);
    }

    /// <summary>
    /// "2–3 hours per week" over "6 Weeks": duration P6W and workload 15 hours. The midpoint of the range is the
    /// notional workload, as the range brackets learners faster and slower than the provider's estimate.
    /// </summary>
    private static (string? Duration, decimal? Hours) Workload(string effort, string length, List<string> warnings)
    {
        var weeksMatch = LengthPattern().Match(length);
        int? weeks = weeksMatch.Success ? int.Parse(weeksMatch.Groups["weeks"].Value, CultureInfo.InvariantCulture) : null;
        if (weeks is null or 0)
        {
            warnings.Add($"course_length '{length}' not understood; no duration or workload.");
            return (null, null);
        }

        var effortMatch = EffortPattern().Match(effort);
        if (!effortMatch.Success)
        {
            warnings.Add($"course_effort '{effort}' not understood; no workload.");
            return ($"P{weeks}W", null);
        }
        var low = decimal.Parse(effortMatch.Groups["low"].Value, CultureInfo.InvariantCulture);
        var high = effortMatch.Groups["high"].Success ? decimal.Parse(effortMatch.Groups["high"].Value, CultureInfo.InvariantCulture) : low;
        // The catalogue stores hours with two decimals.
        return ($"P{weeks}W", decimal.Round((low + high) / 2 * weeks.Value, 2));
    }

    private static IReadOnlyList<LocalizedText> Text(string language, string value) => value.Length > 0 ? [new(language, value)] : [];

    /// <summary>Lower-case ASCII words joined by hyphens, accents dropped: "Gestión de Proyectos" gives "gestion-de-proyectos".</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) slug.Append(c);
            else if (c is '\'' or '’' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString(0, Math.Min(slug.Length, MaxSlugLength)).Trim('-');
    }

    private static RowReport Invalid(int number, int line, string? title, string error) => new(number, line, null, title, [error], [], []);

    private static string Describe(RowReport row) => $"row {row.Row} (line {row.Line}): {string.Join(" ", row.Errors)}";

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^FREE\s*-\s*Add a Verified Certificate for\s*\$?\s*(?<amount>\d+(?:\.\d+)?)\s*(?<currency>[A-Za-z]{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex PricePattern();

    [GeneratedRegex(@"^(?<low>\d+(?:\.\d+)?)(?:\s*[-–—]\s*(?<high>\d+(?:\.\d+)?))?\s*hours?\s*(?:per|a|/)\s*week$", RegexOptions.IgnoreCase)]
    private static partial Regex EffortPattern();

    [GeneratedRegex(@"^(?<weeks>\d+)\s*weeks?$", RegexOptions.IgnoreCase)]
    private static partial Regex LengthPattern();
}
