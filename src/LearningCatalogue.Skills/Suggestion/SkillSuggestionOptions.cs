namespace LearningCatalogue.Skills.Suggestion;

/// <summary>
/// The scoring knobs of <see cref="SkillSuggestionIndex"/>. The defaults are the values tuned on the skill-linking
/// validation sets (see the benchmark project); they are settings rather than constants so that tuning runs can vary
/// them without rebuilding the index.
/// </summary>
public sealed record SkillSuggestionOptions
{
    public static SkillSuggestionOptions Default { get; } = new();

    /// <summary>
    /// How strongly a label is penalised for the share of its words (weighted by IDF) the text does not contain: a label
    /// scores (matched IDF) × coverage^exponent. Job-ad and outcome sentences name a skill's label words, and a label
    /// half of whose words are missing is usually another skill.
    /// </summary>
    public double CoverageExponent { get; init; } = 2.0;

    /// <summary>Weight of an alternative label relative to the preferred label.</summary>
    public double AlternativeLabelWeight { get; init; } = 0.8;

    /// <summary>Weight of the description's BM25 score added to the best label score.</summary>
    public double DescriptionWeight { get; init; } = 0.05;

    /// <summary>BM25 parameters of the description field.</summary>
    public double DescriptionK1 { get; init; } = 1.2;
    public double DescriptionB { get; init; } = 0.75;

    /// <summary>
    /// Weight of matches in the labels of the other indexed languages (the text analyzed with their analyzers):
    /// catches names that are the same across languages ("Java", "SQL") and labels missing in the text's language.
    /// </summary>
    public double CrossLanguageWeight { get; init; } = 0.3;

    /// <summary>
    /// Weight of the words that introduce a skill rather than name it ("experience", "knowledge", "able"; see
    /// <see cref="SkillAnalyzers.CueTerms"/>) relative to other words of the text.
    /// </summary>
    public double CueWordWeight { get; init; } = 0.2;
}
