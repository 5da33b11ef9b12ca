using System.Globalization;
using System.Text;
using System.Text.Json;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>What the index keeps of an entry to show it as a hit, without reading the database.</summary>
internal sealed record StoredEntry(
    Guid Id,
    string Key,
    IReadOnlyList<LocalizedText> Title,
    IReadOnlyList<LocalizedText> Summary,
    IReadOnlyList<LocalizedText> Description,
    IReadOnlyList<StoredOutcome> Outcomes,
    IReadOnlyList<string> Providers,
    IReadOnlyList<StoredSkill> Skills,
    DateOnly? StartDate,
    decimal? EctsCredits,
    decimal? WorkloadHours,
    decimal? Price,
    string? Homepage)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The texts of an entry type-ahead completes: titles, provider names and linked skills.</summary>
internal sealed record StoredCompletions(IReadOnlyList<LocalizedText> Titles, IReadOnlyList<string> Providers, IReadOnlyList<StoredSkill> Skills);

internal sealed record StoredOutcome(IReadOnlyList<LocalizedText> Text, IReadOnlyList<string> SkillUris);

/// <summary>A linked skill with its preferred labels (the taxonomy's, else the label recorded with the link).</summary>
internal sealed record StoredSkill(string Uri, IReadOnlyList<LocalizedText> Labels);

/// <summary>
/// Turns a published entry into its index document: per-language texts, skill labels in every language, facet values
/// (skills with their ancestors and collections from the ESCO taxonomy), numeric values and the stored hit.
/// </summary>
internal static class SearchDocumentBuilder
{
    /// <summary>The language a skill label recorded with a link is taken to be in when the taxonomy lacks the skill.</summary>
    private const string LinkLabelLanguage = "en";

    public static bool IsSearchable(LearningOpportunity entry) => entry.Status == PublicationStatus.Published;

    public static Document Build(LearningOpportunity entry, EscoTaxonomy taxonomy)
    {
        var document = new Document
        {
            new StringField(SearchFields.Id, Id(entry.Id), Field.Store.NO),
            new SortedDocValuesField(SearchFields.Id, new BytesRef(Id(entry.Id))),
            new SortedDocValuesField(SearchFields.TitleSort, new BytesRef(SortKey(entry.Title.FirstOrDefault()?.Value ?? entry.Key))),
        };

        AddTexts(document, SearchFields.Title, entry.Title);
        AddTexts(document, SearchFields.Summary, entry.Summary);
        AddTexts(document, SearchFields.Description, entry.Description);
        AddTexts(document, SearchFields.Outcome, entry.LearningOutcomes.SelectMany(o => o.Text));
        foreach (var text in entry.Title) document.Add(new TextField(SearchFields.SuggestTitle, text.Value, Field.Store.NO));

        var providers = entry.Providers.Select(p => p.Name).Where(n => n.Length > 0).Distinct().ToList();
        foreach (var name in providers)
        {
            document.Add(new TextField(SearchFields.Provider, name, Field.Store.NO));
            document.Add(new TextField(SearchFields.SuggestProvider, name, Field.Store.NO));
            AddFacet(document, Facets.Provider, name);
        }

        var skills = AddSkills(document, entry, taxonomy);

        var spelling = entry.Title.Concat(entry.Summary).Concat(entry.Description).Concat(entry.LearningOutcomes.SelectMany(o => o.Text))
            .Select(t => t.Value).Concat(providers);
        document.Add(new TextField(SearchFields.Spell, string.Join("\n", spelling), Field.Store.NO));

        if (entry.EqfLevel is { } eqf) AddFacet(document, Facets.Eqf, eqf.ToString(CultureInfo.InvariantCulture));
        foreach (var language in entry.InstructionLanguages) AddFacet(document, Facets.Language, language);
        foreach (var country in entry.Providers.Select(p => p.Country).OfType<string>()) AddFacet(document, Facets.Country, country);
        if (entry.Mode is { } mode) AddFacet(document, Facets.Mode, mode);
        if (entry.LearningSchedule is { } schedule) AddFacet(document, Facets.Schedule, schedule);
        foreach (var assessment in entry.AssessmentTypes) AddFacet(document, Facets.Assessment, assessment);
        foreach (var field in entry.ThematicFields) AddFacet(document, Facets.Field, field);
        AddFacet(document, Facets.Credential, CredentialValue(entry.CredentialKind));
        var price = Price(entry);
        if (price is { } amount) AddFacet(document, Facets.Fee, amount == 0 ? Facets.Free : Facets.Paid);

        AddNumber(document, Ranges.Ects, entry.EctsCredits is { } ects ? NumericEncoding.Decimal(ects) : null);
        AddNumber(document, Ranges.Hours, entry.WorkloadHours is { } hours ? NumericEncoding.Decimal(hours) : null);
        AddNumber(document, Ranges.Price, price is { } p ? NumericEncoding.Decimal(p) : null);
        AddNumber(document, Ranges.Start, entry.StartDate is { } start ? NumericEncoding.Date(start) : null);

        var stored = new StoredEntry(
            entry.Id, entry.Key, entry.Title, entry.Summary, entry.Description,
            entry.LearningOutcomes.Select(o => new StoredOutcome(o.Text, o.SkillLinks.Select(l => l.SkillUri).ToList())).ToList(),
            providers, skills, entry.StartDate, entry.EctsCredits, entry.WorkloadHours, price, entry.Homepage);
        document.Add(new StoredField(SearchFields.Stored, JsonSerializer.Serialize(stored, StoredEntry.Json)));
        document.Add(new StoredField(SearchFields.StoredCompletions,
            JsonSerializer.Serialize(new StoredCompletions(entry.Title, providers, skills), StoredEntry.Json)));
        return document;
    }

    public static string Id(Guid id) => id.ToString("D");

    /// <summary>The lowest fee: what taking part costs. Null when the fees are not known.</summary>
    public static decimal? Price(LearningOpportunity entry) => entry.Fees.Count == 0 ? null : entry.Fees.Min(f => f.Amount);

    /// <summary>The credential kind as the API's JSON names it ("microCredential").</summary>
    public static string CredentialValue(CredentialKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>Lower-case, accents removed: "Économie" sorts with "economics", not after "zoology".</summary>
    public static string SortKey(string title)
    {
        var folded = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString().Trim();
    }

    private static List<StoredSkill> AddSkills(Document document, LearningOpportunity entry, EscoTaxonomy taxonomy)
    {
        var skills = new List<StoredSkill>();
        var facetValues = new HashSet<string>(StringComparer.Ordinal);
        var collections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in entry.LearningOutcomes.SelectMany(o => o.SkillLinks).DistinctBy(l => l.SkillUri))
        {
            facetValues.Add(link.SkillUri);
            IReadOnlyList<LocalizedText> labels;
            if (taxonomy.Describe(link.SkillUri) is { } facts)
            {
                labels = facts.PreferredLabels;
                AddTexts(document, SearchFields.Skill, facts.PreferredLabels.Concat(facts.AlternativeLabels));
                facetValues.UnionWith(facts.Ancestors);
                collections.UnionWith(facts.Collections);
            }
            else
            {
                labels = link.Label is { Length: > 0 } label ? [new LocalizedText(LinkLabelLanguage, label)] : [];
                AddTexts(document, SearchFields.Skill, labels);
            }
            foreach (var label in labels) document.Add(new TextField(SearchFields.SuggestSkill, label.Value, Field.Store.NO));
            skills.Add(new StoredSkill(link.SkillUri, labels));
        }
        foreach (var value in facetValues) AddFacet(document, Facets.Skill, value);
        foreach (var collection in collections) AddFacet(document, Facets.Collection, collection);
        return skills;
    }

    private static void AddTexts(Document document, string field, IEnumerable<LocalizedText> texts)
    {
        foreach (var text in texts)
        {
            document.Add(new TextField(SearchFields.Text(field, SearchLanguages.KeyOf(text.Language)), text.Value, Field.Store.NO));
        }
    }

    private static void AddFacet(Document document, string facet, string value)
    {
        var field = SearchFields.Facet(facet);
        document.Add(new StringField(field, value, Field.Store.NO));
        document.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static void AddNumber(Document document, string range, long? value)
    {
        if (value is not { } number) return;
        document.Add(new Int64Field(range, number, Field.Store.NO));
        document.Add(new NumericDocValuesField(range, number));
    }
}

/// <summary>How numbers are held in the index: decimals in hundredths (the catalogue keeps two decimals), dates as day numbers.</summary>
internal static class NumericEncoding
{
    public static long Decimal(decimal value) => (long)decimal.Round(value * 100m);

    public static long Date(DateOnly value) => value.DayNumber;
}
