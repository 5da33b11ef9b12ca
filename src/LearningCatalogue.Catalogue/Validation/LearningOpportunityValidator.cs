using System.Net.Mail;
using System.Text.RegularExpressions;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Vocabularies;

namespace LearningCatalogue.Catalogue.Validation;

/// <summary>
/// Structural validation, run on every write: required texts, ranges, known vocabulary codes,
/// well-formed URLs, e-mails, language tags, ESCO skill URIs, and at most three skill links per outcome.
/// </summary>
public sealed partial class LearningOpportunityValidator(IVocabularyCatalog vocabularies)
{
    public const int MaxSkillLinksPerOutcome = 3;
    public const decimal MaxEcts = 240;

    public ValidationResult Validate(LearningOpportunity entry)
    {
        var result = new ValidationResult();

        Required(result, "key", entry.Key);
        MaxLength(result, "key", entry.Key, 200);
        MaxLength(result, "nationalLevel", entry.NationalLevel, 200);
        MaxLength(result, "location", entry.Location, 400);

        Texts(result, "title", entry.Title, required: true);
        Texts(result, "summary", entry.Summary);
        Texts(result, "description", entry.Description);
        Texts(result, "furtherInformation", entry.FurtherInformation);
        Texts(result, "qualityAssurance", entry.QualityAssurance);
        Texts(result, "prerequisites", entry.Prerequisites);
        Texts(result, "gradingScheme", entry.GradingScheme);
        Texts(result, "stackability", entry.Stackability);
        Texts(result, "targetGroupDescription", entry.TargetGroupDescription);

        for (var i = 0; i < entry.Providers.Count; i++) Provider(result, $"providers[{i}]", entry.Providers[i]);
        if (entry.AwardingBody is { } awardingBody) Provider(result, "awardingBody", awardingBody);

        for (var i = 0; i < entry.LearningOutcomes.Count; i++) Outcome(result, $"learningOutcomes[{i}]", entry.LearningOutcomes[i]);
        Distinct(result, "learningOutcomes", entry.LearningOutcomes.Select(o => o.Id), "Two learning outcomes have the same id.");

        if (entry.EctsCredits is < 0 or > MaxEcts) result.Add("ectsCredits", $"ECTS credits are between 0 and {MaxEcts}.");
        Amount(result, "ectsCredits", entry.EctsCredits);
        if (entry.WorkloadHours is < 0) result.Add("workloadHours", "The workload in hours cannot be negative.");
        Amount(result, "workloadHours", entry.WorkloadHours);
        if (entry.EqfLevel is { } level && (level is < 1 or > 8 || !vocabularies.Contains(VocabularyScheme.Eqf, level.ToString())))
        {
            result.Add("eqfLevel", "The EQF level is between 1 and 8.");
        }

        Codes(result, "assessmentTypes", VocabularyScheme.Assessment, entry.AssessmentTypes);
        Code(result, "mode", VocabularyScheme.Mode, entry.Mode);
        Code(result, "opportunityType", VocabularyScheme.OpportunityType, entry.OpportunityType);
        Code(result, "learningSetting", VocabularyScheme.LearningSetting, entry.LearningSetting);
        Code(result, "learningSchedule", VocabularyScheme.LearningSchedule, entry.LearningSchedule);
        Codes(result, "instructionLanguages", VocabularyScheme.Language, entry.InstructionLanguages);
        Codes(result, "thematicFields", VocabularyScheme.IscedF, entry.ThematicFields);
        Codes(result, "targetGroups", VocabularyScheme.TargetGroup, entry.TargetGroups);
        if (entry.Supervision is { } supervision && !Enum.IsDefined(supervision)) result.Add("supervision", "Unknown supervision and identity verification value.");
        if (!Enum.IsDefined(entry.CredentialKind)) result.Add("credentialKind", "Unknown kind of credential.");
        if (!Enum.IsDefined(entry.Status)) result.Add("status", "Unknown status.");

        if (entry.StartDate > entry.EndDate) result.Add("endDate", "The end date is before the start date.");
        if (entry.EnrolmentStart > entry.EnrolmentEnd) result.Add("enrolmentEnd", "The enrolment period ends before it starts.");
        if (entry.Duration is { } duration && !IsoDuration().IsMatch(duration))
        {
            result.Add("duration", "The duration is an ISO 8601 duration such as P6W, P3M or PT40H.");
        }

        for (var i = 0; i < entry.Fees.Count; i++)
        {
            var fee = entry.Fees[i];
            if (fee.Amount < 0) result.Add($"fees[{i}].amount", "A fee cannot be negative.");
            Amount(result, $"fees[{i}].amount", fee.Amount);
            MaxLength(result, $"fees[{i}].description", fee.Description, 400);
            if (!vocabularies.Contains(VocabularyScheme.Currency, fee.Currency)) result.Add($"fees[{i}].currency", $"Unknown currency code '{fee.Currency}'.");
        }

        if (entry.Contact is { } contact)
        {
            if (contact.Email is { } email && !IsEmail(email)) result.Add("contact.email", $"'{email}' is not an e-mail address.");
            MaxLength(result, "contact.email", contact.Email, 320);
            Url(result, "contact.url", contact.Url);
        }
        Url(result, "homepage", entry.Homepage);

        for (var i = 0; i < entry.RecognitionAgreements.Count; i++)
        {
            var agreement = entry.RecognitionAgreements[i];
            var path = $"recognitionAgreements[{i}]";
            Required(result, path + ".partnerName", agreement.PartnerName);
            MaxLength(result, path + ".partnerName", agreement.PartnerName, 400);
            Code(result, path + ".partnerCountry", VocabularyScheme.Country, agreement.PartnerCountry);
            if (!Enum.IsDefined(agreement.Direction)) result.Add(path + ".direction", "The direction is oneWay or twoWay.");
            if (agreement.CreditsRecognised is < 0 or > MaxEcts) result.Add(path + ".creditsRecognised", $"Recognised credits are between 0 and {MaxEcts}.");
            Amount(result, path + ".creditsRecognised", agreement.CreditsRecognised);
            Url(result, path + ".agreementUrl", agreement.AgreementUrl);
        }

        if (entry.Revision < 1) result.Add("revision", "The revision starts at 1.");
        return result;
    }

    private void Provider(ValidationResult result, string path, Provider provider)
    {
        Required(result, path + ".name", provider.Name);
        MaxLength(result, path + ".name", provider.Name, 400);
        MaxLength(result, path + ".legalIdentifier", provider.LegalIdentifier, 200);
        MaxLength(result, path + ".deqarId", provider.DeqarId, 100);
        Code(result, path + ".country", VocabularyScheme.Country, provider.Country);
        Url(result, path + ".website", provider.Website);
    }

    private static void Outcome(ValidationResult result, string path, LearningOutcome outcome)
    {
        if (outcome.Id == Guid.Empty) result.Add(path + ".id", "A learning outcome needs an id.");
        Texts(result, path + ".text", outcome.Text, required: true);
        if (!Enum.IsDefined(outcome.Origin)) result.Add(path + ".origin", "Unknown origin.");
        if (outcome.SkillLinks.Count > MaxSkillLinksPerOutcome)
        {
            result.Add(path + ".skillLinks", $"A learning outcome links to at most {MaxSkillLinksPerOutcome} ESCO skills.");
        }
        for (var i = 0; i < outcome.SkillLinks.Count; i++)
        {
            var link = outcome.SkillLinks[i];
            if (!EscoSkillUri().IsMatch(link.SkillUri))
            {
                result.Add($"{path}.skillLinks[{i}].skillUri", $"'{link.SkillUri}' is not an ESCO skill URI (http://data.europa.eu/esco/skill/<uuid>).");
            }
            if (!Enum.IsDefined(link.Source)) result.Add($"{path}.skillLinks[{i}].source", "The source is manual or suggested.");
            MaxLength(result, $"{path}.skillLinks[{i}].label", link.Label, 400);
            MaxLength(result, $"{path}.skillLinks[{i}].linkedBy", link.LinkedBy, 200);
        }
        Distinct(result, path + ".skillLinks", outcome.SkillLinks.Select(l => l.SkillUri), "The same skill is linked twice.");
    }

    private static void Texts(ValidationResult result, string path, IReadOnlyList<LocalizedText> texts, bool required = false)
    {
        if (required && !texts.Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            result.Add(path, "At least one text, in any language, is required.");
        }
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Language.Length > 35 || !LanguageTag().IsMatch(texts[i].Language)) result.Add($"{path}[{i}].language", $"'{texts[i].Language}' is not a BCP 47 language tag such as en or pt-BR.");
            if (string.IsNullOrWhiteSpace(texts[i].Value)) result.Add($"{path}[{i}].value", "The text is empty.");
        }
        Distinct(result, path, texts.Select(t => t.Language.ToLowerInvariant()), "Two texts have the same language.");
    }

    private void Code(ValidationResult result, string path, string scheme, string? code)
    {
        if (code is not null && !vocabularies.Contains(scheme, code)) result.Add(path, $"Unknown {scheme} code '{code}'.");
    }

    private void Codes(ValidationResult result, string path, string scheme, IReadOnlyList<string> codes)
    {
        for (var i = 0; i < codes.Count; i++) Code(result, $"{path}[{i}]", scheme, codes[i]);
        Distinct(result, path, codes, "A code is listed twice.");
    }

    private static void Required(ValidationResult result, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) result.Add(path, "This field is required.");
    }

    // The limits are the column sizes of the SQL Server schema, so that both providers refuse the same input.
    private static void MaxLength(ValidationResult result, string path, string? value, int max)
    {
        if (value?.Length > max) result.Add(path, $"At most {max} characters.");
    }

    // Stored as DECIMAL(9, 2): SQL Server would round a third decimal away, and the export would not be lossless.
    private static void Amount(ValidationResult result, string path, decimal? value)
    {
        if (value is not { } amount) return;
        if (amount != decimal.Round(amount, 2)) result.Add(path, "At most two decimals.");
        if (Math.Abs(amount) >= 10_000_000m) result.Add(path, "At most 9,999,999.99.");
    }

    private static void Distinct<T>(ValidationResult result, string path, IEnumerable<T> values, string message)
    {
        var all = values.ToList();
        if (all.Distinct().Count() != all.Count) result.Add(path, message);
    }

    private static void Url(ValidationResult result, string path, string? url)
    {
        if (url is null) return;
        MaxLength(result, path, url, 2000);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            result.Add(path, $"'{url}' is not an absolute http or https URL.");
        }
    }

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^http://data\\.europa\\.eu/esco/skill/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex EscoSkillUri();

    [GeneratedRegex("^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$")]
    private static partial Regex IsoDuration();
}
