using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills.Tests.Suggestion;

/// <summary>
/// Guards the suggestion quality: RP@5 on the skill-linking validation sets must not fall below what the tuned scoring
/// reaches (what `catalogue eval skill-linking` prints, quoted in the README) minus a small margin. The index holds every
/// language of the package, as the product's does: labels in other languages weigh in on English sentences too.
/// </summary>
public sealed class SkillLinkingBenchmarkTests(SkillLinkingBenchmarkTests.EscoIndex fixture)
    : IClassFixture<SkillLinkingBenchmarkTests.EscoIndex>
{
    [Theory]
    [InlineData("tech_validation.csv", 0.68)] // 71.1 measured
    [InlineData("house_validation.csv", 0.37)] // 39.7 measured
    public void RP_at_5_stays_above_the_tuned_floor(string file, double floor)
    {
        var result = SkillLinkingEvaluation.Evaluate(fixture.Index, SharedData.File("benchmarks/skill-linking/" + file));

        Assert.True(result.RPAt5 >= floor, result.ToLine());
    }

    public sealed class EscoIndex : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "skill-linking-tests-" + Guid.NewGuid().ToString("N"));

        public EscoIndex()
        {
            Index = new SkillSuggestionIndex(folder);
            Index.Build(EscoCsvPackage.Read(SharedData.EscoFolder).Concepts);
        }

        public SkillSuggestionIndex Index { get; }

        public void Dispose()
        {
            Index.Dispose();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
