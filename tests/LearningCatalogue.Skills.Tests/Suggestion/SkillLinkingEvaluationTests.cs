using LearningCatalogue.Skills.Suggestion;

namespace LearningCatalogue.Skills.Tests.Suggestion;

public sealed class SkillLinkingEvaluationTests
{
    private static readonly HashSet<string> Gold = ["a", "b", "c"];

    [Fact]
    public void R_precision_divides_by_the_smaller_of_k_and_the_gold_count()
    {
        string[] ranking = ["x", "a", "y", "b", "z", "c"];

        Assert.Equal(0.0, SkillLinkingEvaluation.RPrecisionAt(ranking, Gold, 1));
        Assert.Equal(0.5, SkillLinkingEvaluation.RPrecisionAt(ranking, Gold, 2));
        Assert.Equal(2.0 / 3, SkillLinkingEvaluation.RPrecisionAt(ranking, Gold, 5), 12);
        Assert.Equal(1.0, SkillLinkingEvaluation.RPrecisionAt(ranking, Gold, 10));
        Assert.Equal(1.0, SkillLinkingEvaluation.RPrecisionAt(["b"], new HashSet<string> { "b" }, 5));
    }

    [Fact]
    public void Reciprocal_rank_is_that_of_the_first_gold_skill()
    {
        Assert.Equal(0.5, SkillLinkingEvaluation.ReciprocalRank(["x", "a", "b"], Gold));
        Assert.Equal(1.0, SkillLinkingEvaluation.ReciprocalRank(["c"], Gold));
        Assert.Equal(0.0, SkillLinkingEvaluation.ReciprocalRank(["x", "y"], Gold));
    }

    [Fact]
    public void Reads_a_benchmark_grouping_rows_by_sentence_and_counting_repeated_rows_once()
    {
        var examples = SkillLinkingEvaluation.ReadBenchmark(new StringReader(
            "sentence,skill_uri,gold_label\n" +
            "Java and SQL,u:java,Java\n" +
            "\"Teams, and more\",u:teams,work in teams\n" +
            "Java and SQL,u:sql,SQL\n" +
            "Java and SQL,u:java,Java\n"));

        Assert.Equal(2, examples.Count);
        Assert.Equal("Java and SQL", examples[0].Sentence);
        Assert.Equal(["u:java", "u:sql"], examples[0].GoldSkillUris.Order());
        Assert.Equal("Teams, and more", examples[1].Sentence);
    }

    [Fact]
    public void Averages_the_metrics_over_sentences()
    {
        SkillLinkingExample[] examples =
        [
            new("one", new HashSet<string> { "a" }),            // ranked 1st
            new("two", new HashSet<string> { "a", "b" }),       // ranked 3rd and 6th
            new("three", new HashSet<string> { "z" }),          // not ranked
        ];
        var rankings = new Dictionary<string, string[]>
        {
            ["one"] = ["a", "x"],
            ["two"] = ["x", "y", "a", "w", "v", "b"],
            ["three"] = ["x"],
        };

        var result = SkillLinkingEvaluation.Evaluate("hand-made", examples, s => rankings[s]);

        Assert.Equal(3, result.Sentences);
        Assert.Equal((1 + 0 + 0) / 3.0, result.RPAt1, 12);
        Assert.Equal((1 + 0.5 + 0) / 3.0, result.RPAt5, 12);
        Assert.Equal((1 + 1 + 0) / 3.0, result.RPAt10, 12);
        Assert.Equal((1 + 1 / 3.0 + 0) / 3.0, result.Mrr, 12);
        Assert.Equal("hand-made                RP@1  33.3  RP@5  50.0  RP@10  66.7  MRR 0.444  (3 sentences)", result.ToLine());
    }
}
