using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LearningCatalogue.Cli.Tests;

/// <summary>The command-line tests run one after the other: the console and the environment are the process's.</summary>
[CollectionDefinition(Name)]
public sealed class CommandLineCollection
{
    public const string Name = "Command line";
}

/// <summary>The `catalogue` commands, run in-process on a temporary data folder.</summary>
[Collection(CommandLineCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-cli-").FullName;

    private string Data => Path.Combine(_folder, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Task<int> Run(params string[] args) => CatalogueCommandLine.Build().Parse(args).InvokeAsync();

    private async Task<int> CountAsync(string data)
    {
        using var services = CatalogueCommandLine.Services(CatalogueCommandLine.Build().Parse(["--data", data, "db", "migrate"]));
        return await services.GetRequiredService<LearningOpportunityStore>().CountAsync();
    }

    [Fact]
    public async Task Migrate_creates_the_database_in_the_data_folder()
    {
        Assert.Equal(0, await Run("--data", Data, "db", "migrate"));

        Assert.True(File.Exists(Path.Combine(Data, "catalogue.db")));
        Assert.Equal(0, await Run("db", "migrate", "--data", Data));
    }

    [Fact]
    public async Task Courses_import_then_export_and_import_into_an_empty_folder_gives_the_same_file()
    {
        var corpus = SharedData.File("corpora/edx_courses.csv");
        var first = Path.Combine(_folder, "first.json");
        var second = Path.Combine(_folder, "second.json");
        var copy = Path.Combine(_folder, "copy");

        Assert.Equal(0, await Run("--data", Data, "import", "courses", corpus));
        Assert.Equal(0, await Run("--data", Data, "export", "json", first));
        Assert.Equal(0, await Run("--data", copy, "import", "json", first));
        Assert.Equal(0, await Run("--data", copy, "export", "json", second));

        Assert.Equal(975, await CountAsync(copy));
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        // Without --publish, what is imported is a draft.
        using (var export = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(first)))
        {
            Assert.All(export.RootElement.EnumerateArray(), e => Assert.Equal("draft", e.GetProperty("status").GetString()));
        }
        // The sample import runs once: a second first-start import leaves the catalogue as it is.
        Assert.Equal(0, await Run("--data", Data, "import", "courses", corpus, "--if-empty"));
        Assert.Equal(975, await CountAsync(Data));
    }

    [Fact]
    public async Task A_bad_file_fails_the_command_and_imports_nothing()
    {
        var csv = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(csv, string.Join('\n',
            "title,summary,n_enrolled,course_type,institution,instructors,Level,subject,language,subtitles,course_effort,course_length,price,course_description,course_syllabus,course_url",
            "Good,Learn it,1,Self-paced on your time,edX,A,Introductory,Education,English,English,2–3 hours per week,2 Weeks,FREE,D,S,https://www.edx.org/course/good",
            "Bad,too,few,fields"));

        Assert.Equal(1, await Run("--data", Data, "import", "courses", csv));
        Assert.Equal(0, await CountAsync(Data));

        Assert.Equal(0, await Run("--data", Data, "import", "courses", csv, "--skip-invalid"));
        Assert.Equal(1, await CountAsync(Data));

        var json = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(json, "[{\"key\": ");
        Assert.Equal(1, await Run("--data", Data, "import", "json", json));
        Assert.Equal(1, await CountAsync(Data));
    }
}
