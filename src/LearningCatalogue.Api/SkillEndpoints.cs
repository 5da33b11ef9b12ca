using System.Text.RegularExpressions;
using LearningCatalogue.Catalogue.Validation;
using LearningCatalogue.Rdf;
using LearningCatalogue.Skills;
using LearningCatalogue.Skills.Esco;
using LearningCatalogue.Skills.Linking;
using LearningCatalogue.Skills.Suggestion;

using Microsoft.AspNetCore.Http.HttpResults;

namespace LearningCatalogue.Api;

/// <summary>ESCO skills: look-up and search (from the RDF store), suggestion for outcome texts, and outcome-to-skill links.</summary>
internal static partial class SkillEndpoints
{
    public const int MaxPageSize = 100;
    // A person reads the first pages of a skill search; past this, refine the words or the filters.
    public const int MaxPage = 1_000;
    public const int MaxSuggestions = 50;
    private const string EscoSkillBase = "http://data.europa.eu/esco/skill/";

    public sealed record SuggestRequest(string Text, string Language, int K = 5);

    public sealed record LinkRequest(string LinkedBy, IReadOnlyList<SkillLinkRequest> Skills);

    public static void MapSkills(this IEndpointRouteBuilder app)
    {
        var skills = app.MapGroup("/api/skills").WithTags("Skills");
        skills.MapGet("/{uuid:guid}", Get).WithName("GetSkill").Produces<EscoSkillDetails>().ProducesProblem(404).ProducesProblem(503);
        skills.MapGet("/", Search).WithName("SearchSkills").Produces<SkillSearchResult>().ProducesValidationProblem().ProducesProblem(503);
        skills.MapPost("/suggest", Suggest).WithName("SuggestSkills").Produces<IReadOnlyList<SkillSuggestion>>().ProducesValidationProblem().ProducesProblem(503);

        var outcomes = app.MapGroup("/api/learning-opportunities/{id:guid}/outcomes").WithTags("Learning opportunities");
        outcomes.MapGet("/", Outcomes).WithName("GetOutcomes").Produces<IReadOnlyList<OutcomeView>>().ProducesProblem(404);
        outcomes.MapPut("/{n:int}/skills", Link).WithName("LinkOutcomeSkills").Produces<IReadOnlyList<OutcomeView>>().ProducesValidationProblem().ProducesProblem(404);
    }

    private static async Task<IResult> Get(
        Guid uuid, EscoSkillRepository repository, CancellationToken cancellationToken, string lang = "en")
    {
        if (Invalid(lang, null, null) is { } problem) return problem;
        return await Unavailable(async () => await repository.GetAsync(EscoSkillBase + uuid.ToString("D"), lang, cancellationToken) is { } skill
            ? TypedResults.Ok(skill)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"ESCO has no skill {uuid}."));
    }

    private static async Task<IResult> Search(
        SkillSearch search, SkillSuggestionIndex index, CancellationToken cancellationToken,
        string? q = null, string lang = "en", string? skillType = null, string? reuseLevel = null, string? collection = null, int page = 1, int size = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = ["Say what to search for."];
        if (skillType is not null and not ("skill/competence" or "knowledge")) errors["skillType"] = ["The skill type is skill/competence or knowledge."];
        if (reuseLevel is not null and not ("transversal" or "cross-sector" or "sector-specific" or "occupation-specific"))
        {
            errors["reuseLevel"] = ["The reuse level is transversal, cross-sector, sector-specific or occupation-specific."];
        }
        if (collection is not null && !EscoCollection.All.Contains(collection)) errors["collection"] = [$"The collection is one of {string.Join(", ", EscoCollection.All)}."];
        if (page is < 1 or > MaxPage) errors["page"] = [$"The page number is between 1 and {MaxPage}."];
        if (size is < 1 or > MaxPageSize) errors["size"] = [$"The page size is between 1 and {MaxPageSize}."];
        if (Invalid(lang, errors, null) is { } problem) return problem;
        if (!index.IsAvailable) return NotReady();
        return await Unavailable(async () => TypedResults.Ok(
            await search.SearchAsync(new SkillSearchRequest(q!, lang, skillType, reuseLevel, collection, page, size), cancellationToken)));
    }

    private static IResult Suggest(SuggestRequest request, SkillSuggestionIndex index)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text)) errors["text"] = ["Give the outcome text."];
        if (request.K is < 1 or > MaxSuggestions) errors["k"] = [$"k is between 1 and {MaxSuggestions}."];
        if (Invalid(request.Language, errors, "language") is { } problem) return problem;
        if (!index.IsAvailable) return NotReady();
        return TypedResults.Ok(index.Suggest(request.Text, request.Language, request.K));
    }

    private static async Task<IResult> Outcomes(
        Guid id, SkillLinkService links, CancellationToken cancellationToken, string lang = "en")
    {
        if (Invalid(lang, null, null) is { } problem) return problem;
        return await Unavailable(async () => await links.OutcomesAsync(id, lang, cancellationToken) is { } outcomes
            ? TypedResults.Ok(outcomes)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no learning opportunity {id}."));
    }

    private static async Task<IResult> Link(
        Guid id, int n, LinkRequest request, SkillLinkService links, CancellationToken cancellationToken, string lang = "en")
    {
        if (Invalid(lang, null, null) is { } problem) return problem;
        return await Unavailable(async () =>
        {
            try
            {
                if (await links.LinkAsync(id, n, request.Skills ?? [], request.LinkedBy ?? "", cancellationToken) is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                        detail: $"There is no learning opportunity {id} with an outcome {n}.");
                }
                // The answer is what a GET of the outcomes in the same language gives.
                return TypedResults.Ok((await links.OutcomesAsync(id, lang, cancellationToken))!);
            }
            catch (CatalogueValidationException exception)
            {
                return TypedResults.ValidationProblem(exception.Result.Errors);
            }
        });
    }

    private static ValidationProblem? Invalid(string language, Dictionary<string, string[]>? errors, string? field)
    {
        errors ??= [];
        if (!LanguageTag().IsMatch(language)) errors[field ?? "lang"] = [$"'{language}' is not a language tag such as en or fr."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    /// <summary>The RDF store down, or without ESCO yet, answers 503: the request was fine, the service is not ready.</summary>
    private static async Task<IResult> Unavailable(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (exception is SparqlException or EscoNotImportedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Skills unavailable", detail: exception.Message);
        }
    }

    private static ProblemHttpResult NotReady() => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Skills unavailable", detail: "The skill suggestion index is not built yet (catalogue esco reindex).");

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
