using System.Text.Json;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Api;

/// <summary>The provider-facing API: create, read, update and delete learning opportunities.</summary>
internal static class LearningOpportunityEndpoints
{
    public const int MaxPageSize = 100;

    public sealed record ListResponse(IReadOnlyList<LearningOpportunity> Items, int Total, int Page, int Size);

    public static void MapLearningOpportunities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/learning-opportunities").WithTags("Learning opportunities");

        group.MapGet("/", List).WithName("ListLearningOpportunities");
        group.MapGet("/{id:guid}", Get).WithName("GetLearningOpportunity");
        group.MapPost("/", Create).WithName("CreateLearningOpportunity").Accepts<LearningOpportunity>("application/json");
        group.MapPut("/{id:guid}", Update).WithName("UpdateLearningOpportunity").Accepts<LearningOpportunity>("application/json");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteLearningOpportunity");
        group.MapGet("/{id:guid}/completeness", Completeness).WithName("GetCompleteness");
    }

    private static async Task<Results<Ok<ListResponse>, ValidationProblem>> List(
        LearningOpportunityStore store, CancellationToken cancellationToken, int page = 1, int size = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["The page number starts at 1."];
        if (size is < 1 or > MaxPageSize) errors["size"] = [$"The page size is between 1 and {MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await store.ListAsync(page, size, cancellationToken);
        return TypedResults.Ok(new ListResponse(result.Items, result.Total, result.PageNumber, result.PageSize));
    }

    private static async Task<Results<Ok<LearningOpportunity>, ProblemHttpResult>> Get(
        Guid id, LearningOpportunityStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(entry) : NotFound(id);

    private static async Task<Results<Created<LearningOpportunity>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, CatalogueService catalogue, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (description, error) = await ReadAsync(request, json.Value, cancellationToken);
        if (error is not null) return error;
        return await RefusingBadInput<Created<LearningOpportunity>>(async () =>
        {
            var entry = await catalogue.CreateAsync(description!, cancellationToken);
            return TypedResults.Created($"/api/learning-opportunities/{entry.Id}", entry);
        });
    }

    private static async Task<Results<Ok<LearningOpportunity>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, HttpRequest request, CatalogueService catalogue, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (description, error) = await ReadAsync(request, json.Value, cancellationToken);
        if (error is not null) return error;
        return await RefusingBadInput<Ok<LearningOpportunity>>(async () =>
            await catalogue.UpdateAsync(id, description!, cancellationToken) is { } entry ? TypedResults.Ok(entry) : NotFound(id));
    }

    /// <summary>Runs a write; what the catalogue refuses (invalid fields, a key taken) answers the same way for every write.</summary>
    private static async Task<Results<T, ValidationProblem, ProblemHttpResult>> RefusingBadInput<T>(
        Func<Task<Results<T, ValidationProblem, ProblemHttpResult>>> write) where T : IResult
    {
        try
        {
            return await write();
        }
        catch (CatalogueValidationException exception)
        {
            return TypedResults.ValidationProblem(exception.Result.Errors);
        }
        catch (DuplicateKeyException exception)
        {
            return KeyConflict(exception);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CatalogueService catalogue, CancellationToken cancellationToken) =>
        await catalogue.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<Results<Ok<CompletenessReport>, ProblemHttpResult>> Completeness(
        Guid id, LearningOpportunityStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(CompletenessCheck.Check(entry)) : NotFound(id);

    /// <summary>
    /// Reads the body with the catalogue's JSON rules, so that a malformed document, an unknown property or a
    /// null where a value is required answers 400 with the JSON path of the offending field.
    /// </summary>
    private static async Task<(LearningOpportunity? Entry, ValidationProblem? Error)> ReadAsync(
        HttpRequest request, JsonOptions json, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The body must be application/json."] }));
        }
        try
        {
            var entry = await request.ReadFromJsonAsync<LearningOpportunity>(json.SerializerOptions, cancellationToken);
            return entry is null
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The body is null."] }))
                : (entry, null);
        }
        catch (JsonException exception)
        {
            // "$.fees[0].amount" names the field the same way validation errors do: "fees[0].amount".
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "$";
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [exception.Message] }));
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no learning opportunity {id}.");

    private static ProblemHttpResult KeyConflict(DuplicateKeyException exception) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Duplicate key",
        detail: exception.Message,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["key"] = [exception.Message] } });
}
