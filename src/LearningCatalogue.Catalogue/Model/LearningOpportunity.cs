namespace LearningCatalogue.Catalogue.Model;

/// <summary>
/// A learning opportunity (short course, MOOC, micro-credential) as a catalogue entry: the elements of
/// Annex I of the Council Recommendation on micro-credentials (2022) plus what an ECCOE catalogue entry carries.
/// Controlled values hold the code of an EU vocabulary (see <see cref="Vocabularies.VocabularyScheme"/>).
/// </summary>
public sealed record LearningOpportunity
{
    public Guid Id { get; init; }

    /// <summary>Human-readable key, unique among the entries of the first provider.</summary>
    public string Key { get; init; } = "";

    // Annex I: identification, provider and country of the provider.
    public IReadOnlyList<Provider> Providers { get; init; } = [];
    public Provider? AwardingBody { get; init; }

    // Language-tagged texts; at least one title is required.
    public IReadOnlyList<LocalizedText> Title { get; init; } = [];
    public IReadOnlyList<LocalizedText> Summary { get; init; } = [];
    public IReadOnlyList<LocalizedText> Description { get; init; } = [];
    public IReadOnlyList<LocalizedText> FurtherInformation { get; init; } = [];

    // Annex I: learning outcomes, workload, level, assessment, participation, quality assurance.
    public IReadOnlyList<LearningOutcome> LearningOutcomes { get; init; } = [];
    public decimal? EctsCredits { get; init; }
    public decimal? WorkloadHours { get; init; }
    public int? EqfLevel { get; init; }
    public string? NationalLevel { get; init; }
    /// <summary>Codes of the "assessment" vocabulary (written examination, project work, ...).</summary>
    public IReadOnlyList<string> AssessmentTypes { get; init; } = [];
    /// <summary>Form of participation: code of the "learning-assessment" (Europass modes) vocabulary: online, presential, blended, ...</summary>
    public string? Mode { get; init; }
    public IReadOnlyList<LocalizedText> QualityAssurance { get; init; } = [];

    // Annex I optional elements.
    public IReadOnlyList<LocalizedText> Prerequisites { get; init; } = [];
    public SupervisionAndIdentityVerification? Supervision { get; init; }
    public IReadOnlyList<LocalizedText> GradingScheme { get; init; } = [];
    public IReadOnlyList<LocalizedText> Stackability { get; init; } = [];

    // Catalogue entry (ECCOE).
    /// <summary>Code of the "learning-opportunity" vocabulary (course, MOOC, short learning programme, ...).</summary>
    public string? OpportunityType { get; init; }
    /// <summary>Code of the "learning-setting" vocabulary (formal, non-formal).</summary>
    public string? LearningSetting { get; init; }
    /// <summary>Codes of the Publications Office language table (ENG, FRA, SPA, ...).</summary>
    public IReadOnlyList<string> InstructionLanguages { get; init; } = [];
    /// <summary>ISCED-F 2013 codes.</summary>
    public IReadOnlyList<string> ThematicFields { get; init; } = [];
    /// <summary>Code of the "learning-schedule" vocabulary (full time, part time); null with <see cref="SelfPaced"/>.</summary>
    public string? LearningSchedule { get; init; }
    public bool SelfPaced { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public DateOnly? EnrolmentStart { get; init; }
    public DateOnly? EnrolmentEnd { get; init; }
    /// <summary>ISO 8601 duration, for example P6W or P3M.</summary>
    public string? Duration { get; init; }
    /// <summary>Fees; an amount of zero means free. An empty list means the fee is not known.</summary>
    public IReadOnlyList<Fee> Fees { get; init; } = [];
    public string? Location { get; init; }
    /// <summary>Codes of the "target-group" vocabulary.</summary>
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    public IReadOnlyList<LocalizedText> TargetGroupDescription { get; init; } = [];
    public ContactPoint? Contact { get; init; }
    public string? Homepage { get; init; }
    public CredentialKind CredentialKind { get; init; } = CredentialKind.None;
    public bool IssuedAsEuropeanDigitalCredential { get; init; }
    public IReadOnlyList<RecognitionAgreement> RecognitionAgreements { get; init; } = [];

    // Workflow.
    public PublicationStatus Status { get; init; } = PublicationStatus.Draft;
    public int Revision { get; init; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}

public sealed record Provider
{
    public string Name { get; init; } = "";
    /// <summary>Code of the Publications Office country table (BEL, FRA, USA, ...).</summary>
    public string? Country { get; init; }
    public string? Website { get; init; }
    public string? LegalIdentifier { get; init; }
    /// <summary>Identifier of the institution in DEQAR, the database of external quality assurance results.</summary>
    public string? DeqarId { get; init; }
}

public sealed record LearningOutcome
{
    public Guid Id { get; init; }
    public IReadOnlyList<LocalizedText> Text { get; init; } = [];
    public OutcomeOrigin Origin { get; init; } = OutcomeOrigin.Provided;
    public IReadOnlyList<SkillLink> SkillLinks { get; init; } = [];
}

/// <summary>A link from a learning outcome to an ESCO skill, with a snapshot of its label when linked.</summary>
public sealed record SkillLink
{
    public string SkillUri { get; init; } = "";
    public string? Label { get; init; }
    public string? LinkedBy { get; init; }
    public DateTimeOffset LinkedAt { get; init; }
    public SkillLinkSource Source { get; init; } = SkillLinkSource.Manual;
}

public sealed record Fee(decimal Amount, string Currency, string? Description = null);

public sealed record ContactPoint
{
    public string? Email { get; init; }
    public string? Url { get; init; }
}

public sealed record RecognitionAgreement
{
    public string PartnerName { get; init; } = "";
    public string? PartnerCountry { get; init; }
    public RecognitionDirection Direction { get; init; } = RecognitionDirection.OneWay;
    public decimal? CreditsRecognised { get; init; }
    public string? AgreementUrl { get; init; }
}

public enum OutcomeOrigin { Provided, DerivedFromSummary }

public enum SkillLinkSource { Manual, Suggested }

public enum RecognitionDirection { OneWay, TwoWay }

public enum CredentialKind { None, MicroCredential, CertificateOfParticipation, OpenBadge }

/// <summary>The four values Annex I gives for supervision and identity verification during assessment.</summary>
public enum SupervisionAndIdentityVerification
{
    UnsupervisedNoIdentityVerification,
    SupervisedNoIdentityVerification,
    SupervisedOnlineWithIdentityVerification,
    SupervisedOnsiteWithIdentityVerification,
}

public enum PublicationStatus { Draft, Submitted, ChangesRequested, Published, Rejected, Withdrawn }
