using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Catalogue.Vocabularies;

namespace LearningCatalogue.Catalogue.Tests.Validation;

public sealed class LearningOpportunityValidatorTests
{
    private static readonly LearningOpportunityValidator Validator = new(new VocabularyCatalog(VocabularySeed.Load()));

    private const string SkillA = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97";
    private const string SkillB = "http://data.europa.eu/esco/skill/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string SkillC = "http://data.europa.eu/esco/skill/11111111-2222-4333-8444-555555555555";
    private const string SkillD = "http://data.europa.eu/esco/skill/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    private static LearningOpportunity WithFirstOutcome(LearningOpportunity e, Func<LearningOutcome, LearningOutcome> change) =>
        e with { LearningOutcomes = [change(e.LearningOutcomes[0]), .. e.LearningOutcomes.Skip(1)] };

    private static LearningOpportunity WithFirstLink(LearningOpportunity e, Func<SkillLink, SkillLink> change) =>
        WithFirstOutcome(e, o => o with { SkillLinks = [change(o.SkillLinks[0]), .. o.SkillLinks.Skip(1)] });

    private static LearningOpportunity WithAgreement(LearningOpportunity e, Func<RecognitionAgreement, RecognitionAgreement> change) =>
        e with { RecognitionAgreements = [change(e.RecognitionAgreements[0])] };

    private static SkillLink Link(string uri) => new() { SkillUri = uri };

    /// <summary>One way to break each rule, and every field the validator must then report (and no other).</summary>
    private static readonly Dictionary<string, (Func<LearningOpportunity, LearningOpportunity> Break, string[] Fields)> Rules = new()
    {
        ["key is required"] = (e => e with { Key = " " }, ["key"]),
        ["key is at most 200 characters"] = (e => e with { Key = new string('k', 201) }, ["key"]),
        ["title is required"] = (e => e with { Title = [] }, ["title"]),
        ["title needs a non-blank text"] = (e => e with { Title = [new("en", "  ")] }, ["title", "title[0].value"]),
        ["title language is a BCP 47 tag"] = (e => e with { Title = [new("English", "Data literacy")] }, ["title[0].language"]),
        ["title languages are distinct, ignoring case"] = (e => e with { Title = [new("en", "One"), new("EN", "Two")] }, ["title", "title[1].language"]),
        ["summary text is not empty"] = (e => e with { Summary = [new("en", "")] }, ["summary[0].value"]),
        ["description language is a tag"] = (e => e with { Description = [new("en", "x"), new("es_ES", "y")] }, ["description[1].language"]),
        ["furtherInformation language is a tag"] = (e => e with { FurtherInformation = [new("", "x")] }, ["furtherInformation[0].language"]),
        ["qualityAssurance text is not empty"] = (e => e with { QualityAssurance = [new("en", " ")] }, ["qualityAssurance[0].value"]),
        ["prerequisites languages are distinct"] = (e => e with { Prerequisites = [new("en", "a"), new("en", "b")] }, ["prerequisites"]),
        ["gradingScheme language is a tag"] = (e => e with { GradingScheme = [new("e", "x")] }, ["gradingScheme[0].language"]),
        ["stackability text is not empty"] = (e => e with { Stackability = [new("en", "")] }, ["stackability[0].value"]),
        ["targetGroupDescription language is a tag"] = (e => e with { TargetGroupDescription = [new("en-", "x")] }, ["targetGroupDescription[0].language"]),
        ["provider name is required"] = (e => e with { Providers = [e.Providers[0] with { Name = "" }] }, ["providers[0].name"]),
        ["provider country is a country code"] = (e => e with { Providers = [e.Providers[0] with { Country = "BE" }] }, ["providers[0].country"]),
        ["provider website is an http URL"] = (e => e with { Providers = [e.Providers[0], e.Providers[1] with { Website = "ftp://usal.es" }] }, ["providers[1].website"]),
        ["awarding body country is a country code"] = (e => e with { AwardingBody = e.AwardingBody! with { Country = "XXX" } }, ["awardingBody.country"]),
        ["awarding body name is required"] = (e => e with { AwardingBody = e.AwardingBody! with { Name = "" } }, ["awardingBody.name"]),
        ["outcome id is required"] = (e => WithFirstOutcome(e, o => o with { Id = Guid.Empty }), ["learningOutcomes[0].id"]),
        ["outcome ids are distinct"] = (e => e with { LearningOutcomes = [e.LearningOutcomes[0], e.LearningOutcomes[1] with { Id = e.LearningOutcomes[0].Id }] }, ["learningOutcomes"]),
        ["outcome text is required"] = (e => WithFirstOutcome(e, o => o with { Text = [] }), ["learningOutcomes[0].text"]),
        ["outcome text language is a tag"] = (e => WithFirstOutcome(e, o => o with { Text = [new("EN", "x")] }), ["learningOutcomes[0].text[0].language"]),
        ["outcome origin is known"] = (e => e with { LearningOutcomes = [e.LearningOutcomes[0], e.LearningOutcomes[1] with { Origin = (OutcomeOrigin)9 }] }, ["learningOutcomes[1].origin"]),
        ["an outcome links to at most three skills"] = (e => WithFirstOutcome(e, o => o with { SkillLinks = [Link(SkillA), Link(SkillB), Link(SkillC), Link(SkillD)] }), ["learningOutcomes[0].skillLinks"]),
        ["a skill is linked once per outcome"] = (e => WithFirstOutcome(e, o => o with { SkillLinks = [Link(SkillA), Link(SkillA)] }), ["learningOutcomes[0].skillLinks"]),
        ["skill URI is an ESCO skill"] = (e => WithFirstLink(e, l => l with { SkillUri = "http://data.europa.eu/esco/occupation/21d2f96d-35f7-4e3f-9745-c533d2dd6e97" }), ["learningOutcomes[0].skillLinks[0].skillUri"]),
        ["skill URI is lower-case http"] = (e => WithFirstLink(e, l => l with { SkillUri = SkillA.Replace("http:", "https:") }), ["learningOutcomes[0].skillLinks[0].skillUri"]),
        ["skill link source is known"] = (e => WithFirstLink(e, l => l with { Source = (SkillLinkSource)5 }), ["learningOutcomes[0].skillLinks[0].source"]),
        ["ECTS credits are not negative"] = (e => e with { EctsCredits = -1 }, ["ectsCredits"]),
        ["ECTS credits are at most 240"] = (e => e with { EctsCredits = 240.5m }, ["ectsCredits"]),
        ["workload hours are not negative"] = (e => e with { WorkloadHours = -0.5m }, ["workloadHours"]),
        ["EQF level is at least 1"] = (e => e with { EqfLevel = 0 }, ["eqfLevel"]),
        ["EQF level is at most 8"] = (e => e with { EqfLevel = 9 }, ["eqfLevel"]),
        ["assessment type is an assessment code"] = (e => e with { AssessmentTypes = ["6e6cb2cc78", "nope"] }, ["assessmentTypes[1]"]),
        ["assessment types are distinct"] = (e => e with { AssessmentTypes = ["6e6cb2cc78", "6e6cb2cc78"] }, ["assessmentTypes"]),
        ["mode is a mode code"] = (e => e with { Mode = "online" }, ["mode"]),
        ["mode is not a code of another vocabulary"] = (e => e with { Mode = "6e6cb2cc78" }, ["mode"]),
        ["opportunity type is known"] = (e => e with { OpportunityType = "mooc" }, ["opportunityType"]),
        ["learning setting is known"] = (e => e with { LearningSetting = "formal" }, ["learningSetting"]),
        ["learning schedule is known"] = (e => e with { LearningSchedule = "full-time" }, ["learningSchedule"]),
        ["instruction language is a language code"] = (e => e with { InstructionLanguages = ["en"] }, ["instructionLanguages[0]"]),
        ["instruction languages are distinct"] = (e => e with { InstructionLanguages = ["ENG", "ENG"] }, ["instructionLanguages"]),
        ["thematic field is an ISCED-F code, not a longer number"] = (e => e with { ThematicFields = ["0613", "06130"] }, ["thematicFields[1]"]),
        ["thematic field is not a label"] = (e => e with { ThematicFields = ["0613", "Statistics"] }, ["thematicFields[1]"]),
        ["target group is known"] = (e => e with { TargetGroups = ["students"] }, ["targetGroups[0]"]),
        ["supervision is known"] = (e => e with { Supervision = (SupervisionAndIdentityVerification)42 }, ["supervision"]),
        ["credential kind is known"] = (e => e with { CredentialKind = (CredentialKind)42 }, ["credentialKind"]),
        ["status is known"] = (e => e with { Status = (PublicationStatus)42 }, ["status"]),
        ["end date is not before start date"] = (e => e with { StartDate = new DateOnly(2027, 3, 1), EndDate = new DateOnly(2027, 2, 28) }, ["endDate"]),
        ["enrolment end is not before its start"] = (e => e with { EnrolmentStart = new DateOnly(2027, 1, 2), EnrolmentEnd = new DateOnly(2027, 1, 1) }, ["enrolmentEnd"]),
        ["duration is ISO 8601"] = (e => e with { Duration = "6 weeks" }, ["duration"]),
        ["duration P alone is no duration"] = (e => e with { Duration = "P" }, ["duration"]),
        ["duration PT needs a time"] = (e => e with { Duration = "P1DT" }, ["duration"]),
        ["fee is not negative"] = (e => e with { Fees = [e.Fees[0], e.Fees[1] with { Amount = -1 }] }, ["fees[1].amount"]),
        ["fee currency is a currency code"] = (e => e with { Fees = [e.Fees[0], e.Fees[1] with { Currency = "eur" }] }, ["fees[1].currency"]),
        ["contact e-mail is an address"] = (e => e with { Contact = e.Contact! with { Email = "academy.kuleuven.be" } }, ["contact.email"]),
        ["contact e-mail has a domain with a dot"] = (e => e with { Contact = e.Contact! with { Email = "academy@localhost" } }, ["contact.email"]),
        ["contact e-mail is a bare address"] = (e => e with { Contact = e.Contact! with { Email = "Academy <academy@kuleuven.be>" } }, ["contact.email"]),
        ["contact URL is absolute"] = (e => e with { Contact = e.Contact! with { Url = "www.kuleuven.be/contact" } }, ["contact.url"]),
        ["homepage is http or https"] = (e => e with { Homepage = "javascript:alert(1)" }, ["homepage"]),
        ["homepage is absolute"] = (e => e with { Homepage = "/data-literacy" }, ["homepage"]),
        ["agreement partner name is required"] = (e => WithAgreement(e, a => a with { PartnerName = "" }), ["recognitionAgreements[0].partnerName"]),
        ["agreement partner country is known"] = (e => WithAgreement(e, a => a with { PartnerCountry = "Spain" }), ["recognitionAgreements[0].partnerCountry"]),
        ["agreement direction is known"] = (e => WithAgreement(e, a => a with { Direction = (RecognitionDirection)3 }), ["recognitionAgreements[0].direction"]),
        ["agreement credits are at most 240"] = (e => WithAgreement(e, a => a with { CreditsRecognised = 241 }), ["recognitionAgreements[0].creditsRecognised"]),
        ["agreement credits are not negative"] = (e => WithAgreement(e, a => a with { CreditsRecognised = -1 }), ["recognitionAgreements[0].creditsRecognised"]),
        ["agreement URL is an http URL"] = (e => WithAgreement(e, a => a with { AgreementUrl = "usal.es/agreements/42" }), ["recognitionAgreements[0].agreementUrl"]),
        ["revision starts at 1"] = (e => e with { Revision = 0 }, ["revision"]),
        ["national level is at most 200 characters"] = (e => e with { NationalLevel = new string('n', 201) }, ["nationalLevel"]),
        ["location is at most 400 characters"] = (e => e with { Location = new string('l', 401) }, ["location"]),
        ["provider name is at most 400 characters"] = (e => e with { Providers = [e.Providers[0] with { Name = new string('p', 401) }] }, ["providers[0].name"]),
        ["provider legal identifier is at most 200 characters"] = (e => e with { Providers = [e.Providers[0] with { LegalIdentifier = new string('i', 201) }] }, ["providers[0].legalIdentifier"]),
        ["provider DEQAR id is at most 100 characters"] = (e => e with { Providers = [e.Providers[0] with { DeqarId = new string('d', 101) }] }, ["providers[0].deqarId"]),
        ["fee description is at most 400 characters"] = (e => e with { Fees = [e.Fees[0] with { Description = new string('f', 401) }, e.Fees[1]] }, ["fees[0].description"]),
        ["fee has at most two decimals"] = (e => e with { Fees = [e.Fees[0] with { Amount = 10.005m }, e.Fees[1]] }, ["fees[0].amount"]),
        ["fee is at most 9,999,999.99"] = (e => e with { Fees = [e.Fees[0] with { Amount = 10_000_000m }, e.Fees[1]] }, ["fees[0].amount"]),
        ["ECTS credits have at most two decimals"] = (e => e with { EctsCredits = 5.125m }, ["ectsCredits"]),
        ["workload hours are at most 9,999,999.99"] = (e => e with { WorkloadHours = 10_000_000m }, ["workloadHours"]),
        ["contact e-mail is at most 320 characters"] = (e => e with { Contact = e.Contact! with { Email = new string('a', 310) + "@kuleuven.be" } }, ["contact.email"]),
        ["a URL is at most 2000 characters"] = (e => e with { Homepage = "https://kuleuven.be/" + new string('u', 1981) }, ["homepage"]),
        ["skill link label is at most 400 characters"] = (e => WithFirstLink(e, l => l with { Label = new string('s', 401) }), ["learningOutcomes[0].skillLinks[0].label"]),
        ["skill link linkedBy is at most 200 characters"] = (e => WithFirstLink(e, l => l with { LinkedBy = new string('b', 201) }), ["learningOutcomes[0].skillLinks[0].linkedBy"]),
        ["agreement partner name is at most 400 characters"] = (e => WithAgreement(e, a => a with { PartnerName = new string('p', 401) }), ["recognitionAgreements[0].partnerName"]),
        ["agreement credits have at most two decimals"] = (e => WithAgreement(e, a => a with { CreditsRecognised = 1.001m }), ["recognitionAgreements[0].creditsRecognised"]),
    };

    public static TheoryData<string> RuleNames() => new(Rules.Keys);

    [Fact]
    public void A_complete_entry_has_no_errors()
    {
        var result = Validator.Validate(SampleEntries.Full());

        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_key_and_a_title_are_enough()
    {
        var result = Validator.Validate(new LearningOpportunity { Key = "minimal", Title = [new("pt-BR", "Mínimo")] });

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void The_validator_built_on_the_migrated_database_agrees_with_the_seed()
    {
        using var catalogue = new TestCatalogue();

        Assert.True(catalogue.Validator.Validate(SampleEntries.Full()).IsValid);
        Assert.Equal(["mode"], catalogue.Validator.Validate(SampleEntries.Full() with { Mode = "online" }).Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Each_rule_reports_the_JSON_path_of_its_field(string rule)
    {
        var (breakRule, fields) = Rules[rule];

        var result = Validator.Validate(breakRule(SampleEntries.Full()));

        Assert.False(result.IsValid);
        Assert.Equal(fields.Order(StringComparer.Ordinal), result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
    }

    [Fact]
    public void Errors_of_several_fields_are_all_reported()
    {
        var result = Validator.Validate(SampleEntries.Full() with { Key = "", EctsCredits = 999, Homepage = "nope" });

        Assert.Equal(["ectsCredits", "homepage", "key"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, Func<LearningOpportunity, LearningOpportunity>> Boundaries() => new()
    {
        { "no ECTS credits", e => e with { EctsCredits = 0 } },
        { "240 ECTS credits", e => e with { EctsCredits = 240 } },
        { "EQF level 1", e => e with { EqfLevel = 1 } },
        { "EQF level 8", e => e with { EqfLevel = 8 } },
        { "duration in hours", e => e with { Duration = "PT40H" } },
        { "duration in months and days", e => e with { Duration = "P3M10D" } },
        { "start and end on the same day", e => e with { StartDate = new DateOnly(2027, 2, 1), EndDate = new DateOnly(2027, 2, 1) } },
        { "three skill links", e => WithFirstOutcome(e, o => o with { SkillLinks = [Link(SkillA), Link(SkillB), Link(SkillC)] }) },
        { "a free course", e => e with { Fees = [new Fee(0, "EUR")] } },
        { "http homepage", e => e with { Homepage = "http://example.org/course" } },
        { "language tag with region", e => e with { Title = [new("pt-BR", "Alfabetização de dados"), new("en", "Data literacy")] } },
        { "self-paced without a schedule", e => e with { SelfPaced = true, LearningSchedule = null, StartDate = null, EndDate = null } },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Values_at_the_limits_are_valid(string name, Func<LearningOpportunity, LearningOpportunity> change)
    {
        var result = Validator.Validate(change(SampleEntries.Full()));

        Assert.True(result.IsValid, $"{name}: {result}");
    }

    [Fact]
    public async Task Creating_an_invalid_entry_throws_and_stores_nothing()
    {
        using var catalogue = new TestCatalogue();
        var invalid = SampleEntries.Described() with { EctsCredits = 500, Contact = new ContactPoint { Email = "nobody" } };

        var error = await Assert.ThrowsAsync<CatalogueValidationException>(() => catalogue.Service.CreateAsync(invalid));

        Assert.Equal(["contact.email", "ectsCredits"], error.Result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(error.EntryIndex);
        Assert.Equal(0, await catalogue.Store.CountAsync());
    }

    [Fact]
    public async Task Creating_a_valid_entry_stores_it()
    {
        using var catalogue = new TestCatalogue();

        var created = await catalogue.Service.CreateAsync(SampleEntries.Described());

        Assert.Equal(1, await catalogue.Store.CountAsync());
        Assert.NotNull(await catalogue.Store.FindAsync(created.Id));
    }

    [Fact]
    public async Task Creating_many_with_one_invalid_entry_names_it_and_stores_none()
    {
        using var catalogue = new TestCatalogue();
        LearningOpportunity[] entries = [SampleEntries.Full("a"), SampleEntries.Full("b") with { Title = [] }, SampleEntries.Full("c")];

        var error = await Assert.ThrowsAsync<CatalogueValidationException>(() => catalogue.Service.CreateManyAsync(entries));

        Assert.Equal(1, error.EntryIndex);
        Assert.Contains("title", error.Result.Errors.Keys);
        Assert.StartsWith("Entry 2 is not valid", error.Message);
        Assert.Equal(0, await catalogue.Store.CountAsync());
    }

    [Fact]
    public async Task Updating_with_an_invalid_description_throws_and_keeps_the_stored_entry()
    {
        using var catalogue = new TestCatalogue();
        var created = await catalogue.Service.CreateAsync(SampleEntries.Described());

        await Assert.ThrowsAsync<CatalogueValidationException>(() => catalogue.Service.UpdateAsync(created.Id, created with { EqfLevel = 12 }));

        Assert.Equal(6, (await catalogue.Store.FindAsync(created.Id))!.EqfLevel);
    }

    [Fact]
    public async Task A_new_description_carries_no_skill_links()
    {
        using var catalogue = new TestCatalogue();

        var error = await Assert.ThrowsAsync<CatalogueValidationException>(() => catalogue.Service.CreateAsync(SampleEntries.Full()));

        Assert.Equal(["learningOutcomes[0].skillLinks"], error.Result.Errors.Keys);
        Assert.Equal(0, await catalogue.Store.CountAsync());
    }

    [Fact]
    public async Task An_edit_keeps_the_skill_links_with_their_provenance_and_cannot_change_them()
    {
        using var catalogue = new TestCatalogue();
        var created = await catalogue.Service.CreateAsync(SampleEntries.Described());
        var linked = (await catalogue.Service.SetSkillLinksAsync(created.Id, 0, [Link(SkillA), Link(SkillB)], "ana@uni.eu"))!;
        var stored = linked.LearningOutcomes[0].SkillLinks;

        // Read, changed and sent back: the links come back as they are (their provenance is the catalogue's, like the id).
        var echoed = WithFirstOutcome(linked with { EqfLevel = 5 }, o => o with { SkillLinks = [.. o.SkillLinks.Reverse().Select(l => l with { LinkedBy = "someone else" })] });
        var updated = (await catalogue.Service.UpdateAsync(created.Id, echoed))!;
        Assert.Equal(stored.Select(l => (l.SkillUri, l.LinkedBy, l.LinkedAt)), updated.LearningOutcomes[0].SkillLinks.Select(l => (l.SkillUri, l.LinkedBy, l.LinkedAt)));
        Assert.Equal(5, (await catalogue.Store.FindAsync(created.Id))!.EqfLevel);

        // A changed link, links dropped, or links on a new outcome are refused, naming the outcome; nothing changes.
        var changed = WithFirstOutcome(updated, o => o with { SkillLinks = [Link(SkillA), Link(SkillC)] });
        var dropped = WithFirstOutcome(updated, o => o with { SkillLinks = [] });
        var newOutcome = updated with { LearningOutcomes = [.. updated.LearningOutcomes, new LearningOutcome { Id = Guid.NewGuid(), Text = [new("en", "New.")], SkillLinks = [Link(SkillD)] }] };
        foreach (var (refused, field) in new[] { (changed, "learningOutcomes[0].skillLinks"), (dropped, "learningOutcomes[0].skillLinks"), (newOutcome, $"learningOutcomes[{updated.LearningOutcomes.Count}].skillLinks") })
        {
            var error = await Assert.ThrowsAsync<CatalogueValidationException>(() => catalogue.Service.UpdateAsync(created.Id, refused with { EqfLevel = 7 }));
            Assert.Equal([field], error.Result.Errors.Keys);
        }
        var after = (await catalogue.Store.FindAsync(created.Id))!;
        Assert.Equal(5, after.EqfLevel);
        Assert.Equal([SkillA, SkillB], after.LearningOutcomes[0].SkillLinks.Select(l => l.SkillUri));
    }
}
