using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.Data.Sqlite;

namespace LearningCatalogue.Catalogue.Tests;

/// <summary>A migrated SQLite catalogue in a temporary file, with the services wired as the host wires them.</summary>
public sealed class TestCatalogue : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-test-").FullName;

    public TestCatalogue()
    {
        ConnectionString = $"Data Source={Path.Combine(_folder, "catalogue.db")};Pooling=False";
        Database = new CatalogueDatabase(SqlDialect.For(DatabaseProvider.Sqlite), ConnectionString);
        Database.Migrate();
        Vocabularies = new VocabularyCatalog(Database.LoadVocabularies());
        Validator = new LearningOpportunityValidator(Vocabularies);
        Store = new LearningOpportunityStore(Database);
        Service = new CatalogueService(Store, Validator, TimeProvider.System);
        Exchange = new JsonExchange(Service);
    }

    public string ConnectionString { get; }
    public CatalogueDatabase Database { get; }
    public IVocabularyCatalog Vocabularies { get; }
    public LearningOpportunityValidator Validator { get; }
    public LearningOpportunityStore Store { get; }
    public CatalogueService Service { get; }
    public JsonExchange Exchange { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// The project's read-only reference data in ../shared beside the repository (CI has it too). A test that
/// needs a file fails, never skips, when it is missing.
/// </summary>
public static class SharedData
{
    /// <summary>The repository's root folder, the one holding LearningCatalogue.sln.</summary>
    public static string RepositoryRoot { get; } = LocateRepository();

    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The official ESCO CSV package (never copied into the repository).</summary>
    public static string EscoFolder => Directory.Exists(Path.Combine(Folder, "esco-data"))
        ? Path.Combine(Folder, "esco-data")
        : throw new DirectoryNotFoundException($"The ESCO package {Path.Combine(Folder, "esco-data")} is missing.");

    public static string File(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"The shared data file {path} is missing.", path);
    }

    private static string LocateRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("The tests run outside the repository: no LearningCatalogue.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>Settings for a web host under test.</summary>
public static class TestHostSettings
{
    /// <summary>
    /// No RDF store: none is started (so parallel test hosts never compete for Virtuoso's ports), ESCO is not
    /// imported, and the endpoints point where nothing answers (the discard port). The skill endpoints answer 503.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WithoutRdfStore { get; } = new Dictionary<string, string>
    {
        ["Catalogue:Virtuoso:Managed"] = "false",
        ["Catalogue:Esco:ImportOnFirstStart"] = "false",
        ["Catalogue:Rdf:QueryEndpoint"] = "http://127.0.0.1:9/sparql",
        ["Catalogue:Rdf:UpdateEndpoint"] = "http://127.0.0.1:9/sparql",
        ["Catalogue:Rdf:GraphStoreEndpoint"] = "http://127.0.0.1:9/graph",
    };
}

/// <summary>Complete, valid entries with every field of the model filled.</summary>
public static class SampleEntries
{
    /// <summary>
    /// <see cref="Full"/> as a provider describes it: no skill links, which are set through the skill service, not
    /// with the description.
    /// </summary>
    public static LearningOpportunity Described(string key = "data-literacy-101")
    {
        var entry = Full(key);
        return entry with { LearningOutcomes = entry.LearningOutcomes.Select(o => o with { SkillLinks = [] }).ToList() };
    }

    public static LearningOpportunity Full(string key = "data-literacy-101") => new()
    {
        Id = Guid.NewGuid(),
        Key = key,
        Providers =
        [
            new Provider { Name = "KU Leuven", Country = "BEL", Website = "https://www.kuleuven.be", LegalIdentifier = "0419.052.173", DeqarId = "DEQARINST0001" },
            new Provider { Name = "Universidad de Salamanca", Country = "ESP" },
        ],
        AwardingBody = new Provider { Name = "KU Leuven Academy", Country = "BEL" },
        Title = [new("en", "Data literacy for public servants"), new("fr", "Culture des données pour agents publics")],
        Summary = [new("en", "Read, question and present data.")],
        Description = [new("en", "A six-week course."), new("es", "Un curso de seis semanas.")],
        FurtherInformation = [new("en", "Runs twice a year.")],
        LearningOutcomes =
        [
            new LearningOutcome
            {
                Id = Guid.NewGuid(),
                Text = [new("en", "Analyse a data set with a spreadsheet."), new("fr", "Analyser un jeu de données.")],
                SkillLinks =
                [
                    new SkillLink
                    {
                        SkillUri = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97",
                        Label = "computer programming", LinkedBy = "reviewer@example.org",
                        LinkedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), Source = SkillLinkSource.Suggested,
                    },
                ],
            },
            new LearningOutcome { Id = Guid.NewGuid(), Text = [new("en", "Present findings in a chart.")], Origin = OutcomeOrigin.DerivedFromSummary },
        ],
        EctsCredits = 5,
        WorkloadHours = 125.5m,
        EqfLevel = 6,
        NationalLevel = "Bachelor",
        AssessmentTypes = ["6e6cb2cc78", "795dac4096"],
        Mode = "920fbb3cbe",
        QualityAssurance = [new("en", "Internal quality assurance of KU Leuven, accredited by NVAO.")],
        Prerequisites = [new("en", "None.")],
        Supervision = SupervisionAndIdentityVerification.SupervisedOnlineWithIdentityVerification,
        GradingScheme = [new("en", "Pass/fail")],
        Stackability = [new("en", "Counts towards the Data Science certificate.")],
        OpportunityType = "05053c1cbe",
        LearningSetting = "e207a81fc7",
        InstructionLanguages = ["ENG", "FRA"],
        ThematicFields = ["0613", "0542"],
        LearningSchedule = "67395e6b5a",
        StartDate = new DateOnly(2027, 2, 1),
        EndDate = new DateOnly(2027, 3, 15),
        EnrolmentStart = new DateOnly(2026, 12, 1),
        EnrolmentEnd = new DateOnly(2027, 1, 20),
        Duration = "P6W",
        Fees = [new Fee(0m, "EUR", "course"), new Fee(49.95m, "EUR", "certificate")],
        Location = "Leuven and online",
        TargetGroups = ["cbedf28444"],
        TargetGroupDescription = [new("en", "Civil servants")],
        Contact = new ContactPoint { Email = "academy@kuleuven.be", Url = "https://www.kuleuven.be/contact" },
        Homepage = "https://www.kuleuven.be/data-literacy",
        CredentialKind = CredentialKind.MicroCredential,
        IssuedAsEuropeanDigitalCredential = true,
        RecognitionAgreements =
        [
            new RecognitionAgreement { PartnerName = "Universidad de Salamanca", PartnerCountry = "ESP", Direction = RecognitionDirection.TwoWay, CreditsRecognised = 5, AgreementUrl = "https://usal.es/agreements/42" },
        ],
        Status = PublicationStatus.Draft,
        Revision = 1,
        CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        ModifiedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
    };
}
