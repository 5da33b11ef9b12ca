namespace LearningCatalogue.Catalogue.Vocabularies;

/// <summary>
/// The EU controlled vocabularies the model uses. Each name is the path segment that stands before the
/// code in the vocabulary's URIs (http://data.europa.eu/snb/eqf/6, .../authority/language/ENG).
/// </summary>
public static class VocabularyScheme
{
    public const string Eqf = "eqf";
    public const string IscedF = "isced-f";
    public const string Language = "language";
    public const string Country = "country";
    public const string Currency = "currency";
    public const string LearningSetting = "learning-setting";
    /// <summary>Europass modes of learning and assessment: the form of participation (online, presential, blended, ...).</summary>
    public const string Mode = "learning-assessment";
    /// <summary>Europass assessment types (written examination, project work, ...).</summary>
    public const string Assessment = "assessment";
    public const string LearningSchedule = "learning-schedule";
    public const string TargetGroup = "target-group";
    public const string OpportunityType = "learning-opportunity";
    public const string CreditSystem = "education-credit";
    public const string CredentialType = "credential";
}

public sealed record VocabularyTerm(string Scheme, string Code, string Uri, string Label);
