namespace LearningCatalogue.Catalogue.Storage;

// Row shapes of the catalogue tables, as Dapper reads and writes them (column names map with underscores).
// Enums travel as their names so that the stored values read the same in both providers.

internal sealed class OpportunityRow
{
    public Guid Id { get; set; }
    public string EntryKey { get; set; } = "";
    public string KeyScope { get; set; } = "";
    public decimal? EctsCredits { get; set; }
    public decimal? WorkloadHours { get; set; }
    public int? EqfLevel { get; set; }
    public string? NationalLevel { get; set; }
    public string? Mode { get; set; }
    public string? Supervision { get; set; }
    public string? OpportunityType { get; set; }
    public string? LearningSetting { get; set; }
    public string? LearningSchedule { get; set; }
    public bool SelfPaced { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public DateOnly? EnrolmentStart { get; set; }
    public DateOnly? EnrolmentEnd { get; set; }
    public string? Duration { get; set; }
    public string? Location { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactUrl { get; set; }
    public string? Homepage { get; set; }
    public string CredentialKind { get; set; } = "";
    public bool IssuedAsEdc { get; set; }
    public string Status { get; set; } = "";
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
}

internal sealed class ProviderRow
{
    public Guid OpportunityId { get; set; }
    public string Role { get; set; } = "";
    public int Ordinal { get; set; }
    public string Name { get; set; } = "";
    public string? Country { get; set; }
    public string? Website { get; set; }
    public string? LegalIdentifier { get; set; }
    public string? DeqarId { get; set; }
}

internal sealed class TextRow
{
    public Guid OpportunityId { get; set; }
    public string Field { get; set; } = "";
    public int Ordinal { get; set; }
    public string Language { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class CodeRow
{
    public Guid OpportunityId { get; set; }
    public string Scheme { get; set; } = "";
    public int Ordinal { get; set; }
    public string Code { get; set; } = "";
}

internal sealed class FeeRow
{
    public Guid OpportunityId { get; set; }
    public int Ordinal { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public string? Description { get; set; }
}

internal sealed class AgreementRow
{
    public Guid OpportunityId { get; set; }
    public int Ordinal { get; set; }
    public string PartnerName { get; set; } = "";
    public string? PartnerCountry { get; set; }
    public string Direction { get; set; } = "";
    public decimal? CreditsRecognised { get; set; }
    public string? AgreementUrl { get; set; }
}

internal sealed class OutcomeRow
{
    public Guid Id { get; set; }
    public Guid OpportunityId { get; set; }
    public int Ordinal { get; set; }
    public string Origin { get; set; } = "";
}

internal sealed class OutcomeTextRow
{
    public Guid OutcomeId { get; set; }
    public int Ordinal { get; set; }
    public string Language { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class SkillLinkRow
{
    public Guid OutcomeId { get; set; }
    public int Ordinal { get; set; }
    public string SkillUri { get; set; } = "";
    public string? Label { get; set; }
    public string? LinkedBy { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public string Source { get; set; } = "";
}
