using System.Globalization;
using CsvHelper;
using LearningCatalogue.Catalogue.Import;
using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Catalogue.Tests.Import;

/// <summary>The edX sample corpus imported once into a catalogue, with the report, and the file read independently.</summary>
public sealed class ImportedEdxCorpus : IAsyncLifetime
{
    public static readonly string CorpusPath = SharedData.File("corpora/edx_courses.csv");

    public TestCatalogue Catalogue { get; } = new();
    public ImportReport Report { get; private set; } = null!;
    public List<int> ProgressReports { get; } = [];
    public List<Dictionary<string, string>> SourceRows { get; } = [];
    public List<LearningOpportunity> Entries { get; } = [];

    public async Task InitializeAsync()
    {
        using (var reader = new StreamReader(CorpusPath))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                SourceRows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
            }
        }

        using (var reader = new StreamReader(CorpusPath))
        {
            var importer = new EdxCourseImporter(Catalogue.Service, Catalogue.Vocabularies);
            Report = await importer.ImportAsync(reader, new EdxImportOptions(), new SyncProgress(ProgressReports), CancellationToken.None);
        }
        await foreach (var entry in Catalogue.Store.StreamAllAsync()) Entries.Add(entry);
    }

    public Task DisposeAsync()
    {
        Catalogue.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Records progress as it is reported; Progress&lt;T&gt; would post it to the thread pool, out of order.</summary>
internal sealed class SyncProgress(List<int> reports, Action<int>? then = null) : IProgress<int>
{
    public void Report(int value)
    {
        reports.Add(value);
        then?.Invoke(value);
    }
}

public sealed class EdxCorpusImportTests(ImportedEdxCorpus corpus) : IClassFixture<ImportedEdxCorpus>
{
    [Fact]
    public async Task Every_course_of_the_corpus_is_stored_as_a_draft()
    {
        Assert.Equal(975, corpus.SourceRows.Count);
        Assert.Equal(corpus.SourceRows.Count, await corpus.Catalogue.Store.CountAsync());
        Assert.Equal(corpus.SourceRows.Count, corpus.Report.Imported);
        Assert.Equal(0, corpus.Report.Skipped);
        Assert.All(corpus.Entries, e => Assert.Equal(PublicationStatus.Draft, e.Status));
        Assert.Equal(Enumerable.Range(1, corpus.SourceRows.Count), corpus.Report.Rows.Select(r => r.Row));
        Assert.Equal(corpus.SourceRows.Count, corpus.ProgressReports.Last());
    }

    [Fact]
    public void Texts_and_instruction_languages_follow_the_language_column()
    {
        var spanishRows = corpus.SourceRows.Count(r => r["language"] == "Español");
        var englishRows = corpus.SourceRows.Count(r => r["language"] == "English");
        Assert.Equal(176, spanishRows);
        Assert.Equal(777, englishRows);

        var spanish = corpus.Entries.Where(e => e.Title.Single().Language == "es").ToList();
        Assert.Equal(spanishRows, spanish.Count);
        Assert.All(spanish, e => Assert.Equal(["SPA"], e.InstructionLanguages));
        Assert.Equal(englishRows, corpus.Entries.Count(e => e.Title.Single().Language == "en" && e.InstructionLanguages.SequenceEqual(["ENG"])));
        // Every text of an entry carries the same tag as its title.
        Assert.All(corpus.Entries, e => Assert.All(
            e.Summary.Concat(e.Description).Concat(e.FurtherInformation).Concat(e.LearningOutcomes.SelectMany(o => o.Text)),
            t => Assert.Equal(e.Title[0].Language, t.Language)));
    }

    [Fact]
    public void A_known_course_is_mapped_field_by_field()
    {
        var row = corpus.SourceRows.Single(r => r["title"] == "How to Learn Online");
        // The facts of the row the expectations below derive from.
        Assert.Equal("edX", row["institution"]);
        Assert.Equal("2–3 hours per week", row["course_effort"]);
        Assert.Equal("2 Weeks", row["course_length"]);
        Assert.Equal("FREE-Add a Verified Certificate for $49 USD", row["price"]);
        Assert.Equal("Self-paced on your time", row["course_type"]);

        var entry = corpus.Entries.Single(e => e.Title.Single().Value == row["title"]);
        Assert.Equal("how-to-learn-online", entry.Key);
        Assert.Equal(new Provider { Name = "edX", Country = null }, Assert.Single(entry.Providers));
        Assert.Equal([new Fee(0m, "USD", "course"), new Fee(49m, "USD", "verified certificate")], entry.Fees);
        Assert.Equal(CredentialKind.CertificateOfParticipation, entry.CredentialKind);
        Assert.Equal("P2W", entry.Duration);
        Assert.Equal(5m, entry.WorkloadHours); // midpoint 2.5 hours a week for 2 weeks
        Assert.True(entry.SelfPaced);
        Assert.Null(entry.EqfLevel);
        Assert.Equal(row["course_url"], entry.Homepage);
        Assert.Equal([new LocalizedText("en", row["summary"])], entry.Summary);
        Assert.Equal([new LocalizedText("en", row["course_description"])], entry.Description);
        Assert.Equal([new LocalizedText("en", row["course_syllabus"])], entry.FurtherInformation);

        var outcome = Assert.Single(entry.LearningOutcomes);
        Assert.Equal(OutcomeOrigin.DerivedFromSummary, outcome.Origin);
        Assert.Equal([new LocalizedText("en", row["summary"])], outcome.Text);
        Assert.Empty(outcome.SkillLinks);
    }

    [Fact]
    public void Instructor_led_courses_are_not_self_paced()
    {
        var instructorLed = corpus.SourceRows.Count(r => r["course_type"] == "Instructor-led on a course schedule");
        Assert.True(instructorLed > 0);
        Assert.Equal(instructorLed, corpus.Entries.Count(e => !e.SelfPaced));
    }

    [Fact]
    public void The_report_lists_the_missing_Annex_I_elements_of_every_row()
    {
        Assert.All(corpus.Report.Rows, r =>
        {
            Assert.True(r.IsValid);
            Assert.NotNull(r.Key);
            Assert.Contains(r.Missing, m => m.Field == "eqfLevel");
            Assert.Contains(r.Missing, m => m.Field == "providers.country");
            Assert.DoesNotContain(r.Missing, m => m.Field is "title" or "providers" or "learningOutcomes");
        });
        // Every row of the corpus states its effort, length and price in the documented forms.
        Assert.All(corpus.Report.Rows, r => Assert.Empty(r.Warnings));
    }

    [Fact]
    public void Keys_are_unique_per_provider_and_duplicates_get_a_suffix()
    {
        Assert.Equal(corpus.Entries.Count, corpus.Entries.Select(e => (e.Providers[0].Name, e.Key)).Distinct().Count());
        // Harvard lists "Introduction to Probability" twice in the corpus.
        var harvard = corpus.Entries
            .Where(e => e.Providers[0].Name == "Harvard University" && e.Title[0].Value == "Introduction to Probability")
            .Select(e => e.Key).Order().ToList();
        Assert.Equal(["introduction-to-probability", "introduction-to-probability-2"], harvard);
    }
}

public sealed class EdxCourseImporterTests : IDisposable
{
    private const string Header =
        "title,summary,n_enrolled,course_type,institution,instructors,Level,subject,language,subtitles," +
        "course_effort,course_length,price,course_description,course_syllabus,course_url";

    private readonly TestCatalogue _catalogue = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("edx-import-test-").FullName;

    public void Dispose()
    {
        _catalogue.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("too few fields", "The row has 15 fields")]
    [InlineData("bad quoting", "Bad quoting")]
    [InlineData("missing title", "The title is missing")]
    [InlineData("unknown language", "Unknown language 'Klingon'")]
    public async Task A_malformed_row_imports_nothing_and_is_named(string fault, string reason)
    {
        var path = WriteCsv(Row("Data Literacy"), Malformed(fault), Row("Statistics"));

        var error = await Assert.ThrowsAsync<EdxImportException>(() => ImportAsync(path, new EdxImportOptions()));

        Assert.Equal(0, await _catalogue.Store.CountAsync());
        Assert.Contains("row 2 (line 3)", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(2, Assert.Single(error.InvalidRows).Row);
    }

    [Fact]
    public async Task The_line_of_a_row_counts_the_lines_of_multi_line_fields_before_it()
    {
        var path = WriteCsv(Row("Data Literacy", description: "First line.\nSecond line."), Malformed("missing title"));

        var error = await Assert.ThrowsAsync<EdxImportException>(() => ImportAsync(path, new EdxImportOptions()));

        Assert.Contains("row 2 (line 4)", error.Message);
    }

    [Fact]
    public async Task Skipping_invalid_rows_imports_the_good_ones_and_reports_the_bad_ones()
    {
        var path = WriteCsv(Row("Data Literacy"), Malformed("too few fields"), Row("Statistics"), Malformed("missing title"));

        var report = await ImportAsync(path, new EdxImportOptions { SkipInvalidRows = true });

        Assert.Equal(2, report.Imported);
        Assert.Equal(2, report.Skipped);
        Assert.Equal(2, await _catalogue.Store.CountAsync());
        Assert.Equal([2, 4], report.Rows.Where(r => !r.IsValid).Select(r => r.Row));
        Assert.All(report.Rows.Where(r => !r.IsValid), r => Assert.Null(r.Key));
        Assert.Equal(["data-literacy", "statistics"], report.Rows.Where(r => r.IsValid).Select(r => r.Key));
    }

    [Fact]
    public async Task Keys_are_deduplicated_within_a_provider_only()
    {
        var path = WriteCsv(Row("Gestión de Proyectos"), Row("Gestión de proyectos"), Row("Gestión de Proyectos", institution: "IDB"));

        var report = await ImportAsync(path, new EdxImportOptions());

        Assert.Equal(["gestion-de-proyectos", "gestion-de-proyectos-2", "gestion-de-proyectos"], report.Rows.Select(r => r.Key));
        Assert.Equal(3, await _catalogue.Store.CountAsync());
    }

    [Fact]
    public async Task Values_that_are_not_understood_are_left_out_with_a_warning()
    {
        var path = WriteCsv(Row("Data Literacy", effort: "a few hours", length: "one semester", price: "Ask us", url: "edx.org/course"));

        var report = await ImportAsync(path, new EdxImportOptions());

        var row = Assert.Single(report.Rows);
        Assert.True(row.IsValid);
        Assert.Equal(3, row.Warnings.Count); // length (no duration nor workload), price, url
        var entry = Assert.Single(await AllEntriesAsync());
        Assert.Null(entry.Duration);
        Assert.Null(entry.WorkloadHours);
        Assert.Empty(entry.Fees);
        Assert.Equal(CredentialKind.None, entry.CredentialKind);
        Assert.Null(entry.Homepage);
        Assert.Contains(row.Missing, m => m.Field == "ectsCredits");
    }

    [Fact]
    public async Task Other_languages_are_tagged_and_coded()
    {
        var path = WriteCsv(Row("Le management", language: "Français"), Row("Lernen", language: "German"));

        await ImportAsync(path, new EdxImportOptions());

        var entries = (await AllEntriesAsync()).OrderBy(e => e.Key).ToList();
        Assert.Equal(("fr", "FRA"), (entries[0].Title[0].Language, entries[0].InstructionLanguages.Single()));
        Assert.Equal(("de", "DEU"), (entries[1].Title[0].Language, entries[1].InstructionLanguages.Single()));
    }

    [Fact]
    public async Task An_import_cancelled_while_reading_stops_and_stores_nothing()
    {
        var path = WriteCsv(Row("Data Literacy"), Row("Statistics"), Row("Probability"));
        using var cancellation = new CancellationTokenSource();
        var progress = new List<int>();
        var cancelAfterFirstRow = new SyncProgress(progress, _ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(path, new EdxImportOptions(), cancelAfterFirstRow, cancellation.Token));

        Assert.Equal([1], progress);
        Assert.Equal(0, await _catalogue.Store.CountAsync());
    }

    private async Task<ImportReport> ImportAsync(
        string path, EdxImportOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        return await new EdxCourseImporter(_catalogue.Service, _catalogue.Vocabularies).ImportAsync(reader, options, progress, cancellationToken);
    }

    private async Task<List<LearningOpportunity>> AllEntriesAsync()
    {
        var entries = new List<LearningOpportunity>();
        await foreach (var entry in _catalogue.Store.StreamAllAsync()) entries.Add(entry);
        return entries;
    }

    private string WriteCsv(params string[] rows)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Header + "\n" + string.Concat(rows.Select(r => r + "\n")));
        return path;
    }

    private static string Row(
        string title, string institution = "KU Leuven", string language = "English", string effort = "4–6 hours per week",
        string length = "6 Weeks", string price = "FREE-Add a Verified Certificate for $99 USD", string description = "Six weeks of data.",
        string url = "https://www.edx.org/course/data-literacy")
    {
        using var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var field in new[]
            {
                title, "Read and question data.", "1,024", "Self-paced on your time", institution, "Ada Lovelace", "Introductory",
                "Math", language, language, effort, length, price, description, "", url,
            })
            {
                csv.WriteField(field);
            }
        }
        return writer.ToString();
    }

    private static string Malformed(string fault) => fault switch
    {
        "too few fields" => Row("Broken").Replace(",Math,", ","),
        "bad quoting" => Row("Broken").Replace("Read and question data.", "Read \"and\" question data."),
        "missing title" => Row(""),
        "unknown language" => Row("Broken", language: "Klingon"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
