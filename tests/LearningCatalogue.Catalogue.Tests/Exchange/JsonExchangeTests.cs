using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;

namespace LearningCatalogue.Catalogue.Tests.Exchange;

public sealed class JsonExchangeTests : IDisposable
{
    private readonly TestCatalogue _source = new();
    private readonly TestCatalogue _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    private static string Json(LearningOpportunity? entry) => JsonSerializer.Serialize(entry, CatalogueJson.Options);

    private static List<LearningOpportunity> VariedEntries() =>
    [
        SampleEntries.Full("full"),
        // Optional fields left out, workflow state and timestamps that are not the defaults.
        SampleEntries.Full("sparse") with
        {
            AwardingBody = null, Summary = [], Description = [], FurtherInformation = [], Prerequisites = [],
            GradingScheme = [], Stackability = [], TargetGroupDescription = [], EctsCredits = null, EqfLevel = null,
            NationalLevel = null, Mode = null, Supervision = null, OpportunityType = null, LearningSetting = null,
            LearningSchedule = null, SelfPaced = true, StartDate = null, EndDate = null, EnrolmentStart = null,
            EnrolmentEnd = null, Duration = null, Fees = [], Location = null, TargetGroups = [], Contact = null,
            Homepage = null, CredentialKind = CredentialKind.None, IssuedAsEuropeanDigitalCredential = false,
            RecognitionAgreements = [], AssessmentTypes = [], InstructionLanguages = [], ThematicFields = [],
            Status = PublicationStatus.Published, Revision = 4,
            CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            ModifiedAt = new DateTimeOffset(2027, 1, 5, 17, 45, 12, TimeSpan.Zero).AddTicks(7654321),
        },
        // Only what validation asks for.
        new LearningOpportunity
        {
            Id = Guid.NewGuid(), Key = "minimal", Title = [new("de", "Minimal")],
            CreatedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            ModifiedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        },
        SampleEntries.Full("other-provider") with
        {
            Providers = [new Provider { Name = "Ghent University", Country = "BEL" }],
            Contact = new ContactPoint { Email = "info@ugent.be" },
            Fees = [new Fee(1250.5m, "EUR"), new Fee(1300, "USD", "outside the EU")],
            Status = PublicationStatus.ChangesRequested,
        },
    ];

    private static async Task<byte[]> ExportAsync(TestCatalogue catalogue, int expectedCount)
    {
        using var stream = new MemoryStream();
        Assert.Equal(expectedCount, await catalogue.Exchange.ExportAsync(stream));
        return stream.ToArray();
    }

    private static Stream Utf8(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    private static string Serialize(IEnumerable<LearningOpportunity> entries) => JsonSerializer.Serialize(entries, CatalogueJson.Options);

    [Fact]
    public async Task Export_import_into_an_empty_catalogue_and_export_again_gives_the_same_bytes()
    {
        var entries = VariedEntries();
        await _source.Store.AddRangeAsync(entries);

        var first = await ExportAsync(_source, entries.Count);
        Assert.Equal(entries.Count, await _target.Exchange.ImportAsync(new MemoryStream(first)));
        var second = await ExportAsync(_target, entries.Count);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);

        // The export carries the entries themselves, not just the same (empty or partial) text twice.
        Assert.Equal(entries.Count, await _target.Store.CountAsync());
        foreach (var entry in entries)
        {
            Assert.Equal(Json(entry), Json(await _target.Store.FindAsync(entry.Id)));
        }
    }

    [Fact]
    public async Task The_export_of_an_empty_catalogue_is_an_empty_array()
    {
        var bytes = await ExportAsync(_source, 0);

        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(bytes).RootElement.ValueKind);
        Assert.Equal(0, JsonDocument.Parse(bytes).RootElement.GetArrayLength());
        Assert.Equal(0, await _target.Exchange.ImportAsync(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task An_import_with_one_invalid_entry_imports_nothing_and_names_the_entry()
    {
        var entries = VariedEntries();
        entries[2] = entries[2] with { EctsCredits = 999 };

        var error = await Assert.ThrowsAsync<CatalogueValidationException>(() => _target.Exchange.ImportAsync(Utf8(Serialize(entries))));

        Assert.Equal(2, error.EntryIndex);
        Assert.StartsWith("Entry 3 is not valid", error.Message);
        Assert.Equal(["ectsCredits"], error.Result.Errors.Keys);
        Assert.Equal(0, await _target.Store.CountAsync());
    }

    [Fact]
    public async Task An_import_that_the_database_refuses_half_way_imports_nothing()
    {
        var entries = VariedEntries();
        entries.Add(SampleEntries.Full("full"));

        await Assert.ThrowsAsync<DuplicateKeyException>(() => _target.Exchange.ImportAsync(Utf8(Serialize(entries))));

        Assert.Equal(0, await _target.Store.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("{\"key\": \"x\"}")]
    [InlineData("[{\"key\": \"x\", \"title\": [{\"language\": \"en\", \"value\": \"X\"}]},")]
    [InlineData("[{\"key\": \"x\", \"title\": [{\"language\": \"en\", \"value\": \"X\"}]}] trailing")]
    [InlineData("[{\"key\": \"x\", \"status\": 3}]")]
    [InlineData("[{\"key\": \"x\", \"status\": \"live\"}]")]
    [InlineData("[{\"key\": \"x\", \"fees\": [{\"amount\": 5}]}]")]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("[{\"key\": \"x\", \"title\": [{\"language\": \"en\", \"value\": \"X\"}]}, null]")]
    public async Task Malformed_json_throws_and_imports_nothing(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _target.Exchange.ImportAsync(Utf8(json)));

        Assert.Equal(0, await _target.Store.CountAsync());
    }

    /// <summary>Changes the second entry of a valid export; the first entry is valid and must not be stored either.</summary>
    public static TheoryData<string, Action<JsonObject>> Corruptions() => new()
    {
        { "unknown property", e => e["colour"] = "red" },
        { "unknown nested property", e => e["providers"]![0]!.AsObject()["vatNumber"] = "BE0419052173" },
        { "null key", e => e["key"] = null },
        { "null title", e => e["title"] = null },
        { "null text value", e => e["title"]![0]!["value"] = null },
        { "null provider name", e => e["providers"]![0]!["name"] = null },
        { "null fee currency", e => e["fees"]![0]!["currency"] = null },
        { "null skill URI", e => e["learningOutcomes"]![0]!["skillLinks"]![0]!["skillUri"] = null },
        { "null list of codes", e => e["instructionLanguages"] = null },
        // RespectNullableAnnotations does not reach list elements; CatalogueJson refuses them itself.
        { "null code in a list", e => e["instructionLanguages"]!.AsArray().Add(null) },
        { "null text in a list", e => e["title"]!.AsArray().Add(null) },
        { "null provider", e => e["providers"]!.AsArray().Insert(0, null) },
        { "null fee", e => e["fees"]!.AsArray().Add(null) },
        { "null outcome", e => e["learningOutcomes"]!.AsArray().Add(null) },
        { "null outcome text", e => e["learningOutcomes"]![0]!["text"]!.AsArray().Add(null) },
        { "null skill link", e => e["learningOutcomes"]![0]!["skillLinks"]!.AsArray().Add(null) },
        { "null agreement", e => e["recognitionAgreements"]!.AsArray().Add(null) },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task An_unknown_property_or_a_null_in_a_non_nullable_field_throws_and_imports_nothing(string name, Action<JsonObject> corrupt)
    {
        var array = JsonNode.Parse(Serialize([SampleEntries.Full("first"), SampleEntries.Full("second")]))!.AsArray();
        corrupt(array[1]!.AsObject());

        var error = await Assert.ThrowsAnyAsync<JsonException>(() => _target.Exchange.ImportAsync(Utf8(array.ToJsonString())));

        Assert.False(string.IsNullOrEmpty(error.Message), name);
        Assert.Equal(0, await _target.Store.CountAsync());
    }

    [Fact]
    public async Task The_uncorrupted_file_of_the_corruption_tests_imports()
    {
        // Guards the theory above: it must fail because of the corruption, not because of the file itself.
        var json = Serialize([SampleEntries.Full("first"), SampleEntries.Full("second")]);

        Assert.Equal(2, await _target.Exchange.ImportAsync(Utf8(json)));
        Assert.Equal(2, await _target.Store.CountAsync());
    }
}
