using System.Diagnostics;
using LearningCatalogue.Catalogue.Vocabularies;

namespace LearningCatalogue.Catalogue.Tests.Vocabularies;

public sealed class VocabularySeedTests
{
    [Fact]
    public async Task The_committed_seed_is_what_the_generator_makes_from_the_Europass_schemas()
    {
        // A hand edit of vocabularies.csv, or a generator change not run again, fails here.
        var output = Path.Combine(Directory.CreateTempSubdirectory("vocabulary-seed-").FullName, "vocabularies.csv");
        var script = Path.Combine(SharedData.RepositoryRoot, "src", "tools", "generate-vocabulary-seed.cs");
        var cvFolder = Path.Combine(SharedData.Folder, "elm", "loq-xsd", "cv");
        using var generator = Process.Start(new ProcessStartInfo("dotnet", ["run", script, "--", cvFolder, output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepositoryRoot,
        })!;
        var stdout = generator.StandardOutput.ReadToEndAsync();
        var stderr = generator.StandardError.ReadToEndAsync();
        await generator.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

        Assert.True(generator.ExitCode == 0, $"the generator failed: {await stdout}{await stderr}");
        var committed = Path.Combine(SharedData.RepositoryRoot, "src", "LearningCatalogue.Catalogue", "Vocabularies", "vocabularies.csv");
        Assert.Equal(await File.ReadAllTextAsync(committed), await File.ReadAllTextAsync(output));
    }

    [Fact]
    public void The_migrations_seed_every_term_of_every_scheme()
    {
        using var catalogue = new TestCatalogue();
        var seed = VocabularySeed.Load();

        var stored = catalogue.Database.LoadVocabularies();

        Assert.Equal(seed.Count, stored.Count);
        Assert.Equal(seed.OrderBy(t => (t.Scheme, t.Code)), stored.OrderBy(t => (t.Scheme, t.Code)));
        // Every vocabulary the model validates against is there, each with terms.
        Assert.All(typeof(VocabularyScheme).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!),
            scheme => Assert.NotEmpty(catalogue.Vocabularies.Terms(scheme)));
    }
}
