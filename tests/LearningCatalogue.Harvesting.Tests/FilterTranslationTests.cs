using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>
/// Each operator and function of $filter: the entries the service returns (SQLite) are those C# selects from every
/// published entry, and the SQL Server text of the same query parses as T-SQL.
/// </summary>
[Collection(HarvestingCollection.Name)]
public sealed class FilterTranslationTests(HarvestingApi api)
{
    private const string Skill = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97";

    private static readonly Dictionary<string, Func<LearningOpportunity, bool>> Cases = new()
    {
        ["EqfLevel eq 6"] = e => e.EqfLevel == 6,
        ["EqfLevel ne 6"] = e => e.EqfLevel != 6,
        ["EctsCredits gt 5"] = e => e.EctsCredits > 5,
        ["EctsCredits ge 5"] = e => e.EctsCredits >= 5,
        ["WorkloadHours lt 20"] = e => e.WorkloadHours < 20,
        ["WorkloadHours le 20"] = e => e.WorkloadHours <= 20,
        ["EqfLevel eq 6 and SelfPaced"] = e => e.EqfLevel == 6 && e.SelfPaced,
        ["EqfLevel eq 4 or SelfPaced eq false"] = e => e.EqfLevel == 4 || !e.SelfPaced,
        ["not (EctsCredits gt 5)"] = e => !(e.EctsCredits > 5),
        ["not SelfPaced"] = e => !e.SelfPaced,
        ["EqfLevel in (3, 5, 7)"] = e => e.EqfLevel is 3 or 5 or 7,
        ["CredentialKind has LearningCatalogue.CredentialKind'MicroCredential'"] = e => e.CredentialKind == CredentialKind.MicroCredential,
        ["CredentialKind eq 'CertificateOfParticipation'"] = e => e.CredentialKind == CredentialKind.CertificateOfParticipation,
        ["Supervision eq null"] = e => e.Supervision is null,
        ["EctsCredits ne null"] = e => e.EctsCredits is not null,
        ["WorkloadHours add 10 gt 50"] = e => e.WorkloadHours + 10 > 50,
        ["WorkloadHours sub 10 lt 5"] = e => e.WorkloadHours - 10 < 5,
        ["WorkloadHours mul 2 ge 100"] = e => e.WorkloadHours * 2 >= 100,
        ["WorkloadHours div 4 gt 10"] = e => e.WorkloadHours / 4 > 10,
        ["EqfLevel mod 2 eq 0"] = e => e.EqfLevel % 2 == 0,
        ["-EqfLevel lt -5"] = e => -e.EqfLevel < -5,
        ["contains(Key, 'data')"] = e => e.Key.Contains("data", StringComparison.OrdinalIgnoreCase),
        ["startswith(Key, 'INTRO')"] = e => e.Key.StartsWith("intro", StringComparison.OrdinalIgnoreCase),
        ["endswith(Key, 'Python')"] = e => e.Key.EndsWith("python", StringComparison.OrdinalIgnoreCase),
        ["contains(Location, '_50%')"] = e => e.Location?.Contains("_50%", StringComparison.Ordinal) == true,
        ["contains(Key, '_')"] = e => e.Key.Contains('_', StringComparison.Ordinal),
        ["contains(Key, '[a-z]')"] = e => e.Key.Contains("[a-z]", StringComparison.Ordinal),
        ["tolower(Location) eq 'leuven and online'"] = e => e.Location?.ToLowerInvariant() == "leuven and online",
        ["toupper(Key) eq 'SAMPLE-PUBLISHED-3'"] = e => e.Key.ToUpperInvariant() == "SAMPLE-PUBLISHED-3",
        ["year(StartDate) eq 2027"] = e => e.StartDate?.Year == 2027,
        ["month(StartDate) ge 4"] = e => e.StartDate?.Month >= 4,
        ["day(StartDate) eq 7"] = e => e.StartDate?.Day == 7,
        ["year(CreatedAt) eq 2026 and month(CreatedAt) eq 11"] = e => e.CreatedAt.UtcDateTime is { Year: 2026, Month: 11 },
        ["date(CreatedAt) eq 2026-11-03"] = e => DateOnly.FromDateTime(e.CreatedAt.UtcDateTime) == new DateOnly(2026, 11, 3),
        ["StartDate ge 2027-01-01"] = e => e.StartDate >= new DateOnly(2027, 1, 1),
        ["CreatedAt lt 2026-11-04T00:00:00Z"] = e => e.CreatedAt < new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero),
        ["Languages/any(l: l eq 'FRA')"] = e => e.InstructionLanguages.Contains("FRA"),
        ["Languages/all(l: l eq 'ENG')"] = e => e.InstructionLanguages.All(l => l == "ENG"),
        ["Titles/any(t: contains(t/Value, 'data'))"] = e => e.Title.Any(t => t.Value.Contains("data", StringComparison.OrdinalIgnoreCase)),
        ["Titles/any(t: contains(t/Value, 'ÉCONOMIE'))"] = e => e.Title.Any(t => t.Value.ToLowerInvariant().Contains("économie", StringComparison.Ordinal)),
        ["Titles/all(t: t/Language eq 'en')"] = e => e.Title.All(t => t.Language == "en"),
        [$"LearningOutcomes/any(o: o/SkillLinks/any(s: s/SkillUri eq '{Skill}'))"] = e => e.LearningOutcomes.Any(o => o.SkillLinks.Any(s => s.SkillUri == Skill)),
        ["LearningOutcomes/any(o: o/Texts/any(t: startswith(t/Value, 'present')))"] =
            e => e.LearningOutcomes.Any(o => o.Text.Any(t => t.Value.StartsWith("present", StringComparison.OrdinalIgnoreCase))),
        ["LearningOutcomes/$count ge 2"] = e => e.LearningOutcomes.Count >= 2,
        ["Providers/any(p: p/Country eq 'ESP')"] = e => e.Providers.Any(p => p.Country == "ESP"),
        ["Fees/any(f: f/Amount eq 0)"] = e => e.Fees.Any(f => f.Amount == 0),
        ["Fees/any()"] = e => e.Fees.Count > 0,
        ["RecognitionAgreements/any(a: a/Direction eq 'TwoWay')"] = e => e.RecognitionAgreements.Any(a => a.Direction == RecognitionDirection.TwoWay),
        ["AwardingBody/Country eq 'BEL'"] = e => e.AwardingBody?.Country == "BEL",
        ["Contact/Email ne null"] = e => e.Contact?.Email is not null,
        ["Homepage eq Location"] = e => e.Homepage == e.Location,
    };

    public static TheoryData<string> Filters() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_service_selects_what_CSharp_selects(string filter)
    {
        var published = await api.PublishedNowAsync();
        var expected = published.Where(Cases[filter]).Select(e => e.Id).Order().ToList();
        // A filter that keeps nothing or everything would pass whatever the translation did with it.
        Assert.InRange(expected.Count, 1, published.Count - 1);

        var (entries, last) = await api.AllPagesAsync($"/odata/LearningOpportunities?$select=Id&$top=2000&$filter={Uri.EscapeDataString(filter)}", ("Prefer", "odata.maxpagesize=100"));

        Assert.True(last.Error is null, last.Error?.Message);
        Assert.Equal(expected, entries.Select(e => e.Id).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void The_SqlServer_text_is_valid_TSql(string filter)
    {
        var statements = SqlServerStatements();
        var parsed = Parse($"$filter={Uri.EscapeDataString(filter)}&$orderby=EqfLevel desc,Key");
        var token = new PageToken(["6", "some-key"], Guid.NewGuid(), "", null);

        foreach (var sql in new[]
        {
            statements.Page(new Selection(parsed.Filter), parsed.OrderBy, token).Sql,
            // With $search, the ids the index matched restrict the statement through OPENJSON.
            statements.Page(new Selection(parsed.Filter, [Guid.NewGuid(), Guid.NewGuid()]), parsed.OrderBy, token).Sql,
            statements.Count(new Selection(parsed.Filter, [Guid.NewGuid()])).Sql,
            statements.Matching(parsed.Filter).Sql.Replace("IN @Ids", "IN (@Ids1, @Ids2)", StringComparison.Ordinal),
        })
        {
            AssertTSql(sql);
            Assert.DoesNotContain("'", sql.Replace("ESCAPE '\\'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Expand_filters_translate_to_TSql()
    {
        var parsed = Parse("$expand=LearningOutcomes($filter=Texts/any(t: contains(t/Value, 'data')))");
        var model = new HarvestModel(new HarvestingOptions());
        var item = parsed.SelectAndExpand.SelectedItems.OfType<ExpandedNavigationSelectItem>().Single();

        var sql = SqlServerStatements().Children(model.Opportunities.Relations["LearningOutcomes"], item.FilterOption).Sql;

        AssertTSql(sql.Replace("IN @Parents", "IN (@Parents1, @Parents2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Concept_statements_translate_to_TSql()
    {
        var parsed = Parse("$filter=Scheme eq 'language' and (startswith(Label, 'fr') or Code in ('ENG', 'FRA'))", HarvestModel.ConceptSetName);
        var statements = SqlServerStatements();

        foreach (var sql in new[]
        {
            statements.Concepts(parsed.Filter, new ConceptToken("language", "FRA", "")).Sql,
            statements.Concepts(null, null).Sql,
            statements.ConceptCount(parsed.Filter).Sql,
            statements.Concept,
        })
        {
            AssertTSql(sql);
            Assert.DoesNotContain("'", sql.Replace("ESCAPE '\\'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    internal static HarvestStatements SqlServerStatements() =>
        new(SqlDialect.For(DatabaseProvider.SqlServer), new HarvestModel(new HarvestingOptions()), new HarvestingOptions());

    /// <summary>The query options of a request to an entity set, parsed as the service parses them.</summary>
    internal static ODataUri Parse(string query, string entitySet = HarvestModel.EntitySetName)
    {
        var model = new HarvestModel(new HarvestingOptions());
        var root = new Uri("http://localhost/odata/");
        return new ODataUriParser(model.Model, root, new Uri(root, $"{entitySet}?{query}"))
        {
            Resolver = new StringAsEnumResolver(),
        }.ParseUri();
    }

    internal static void AssertTSql(string sql)
    {
        foreach (var parser in new TSqlParser[] { new TSql160Parser(true), new TSql180Parser(true) })
        {
            parser.Parse(new StringReader(sql), out var errors);
            Assert.True(errors.Count == 0, $"{sql}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"))}");
        }
    }
}
