using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Search;

/// <summary>The learner-facing search API: GET /api/search and GET /api/search/suggest.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search");
        group.MapGet("/", Search).WithName("Search");
        group.MapGet("/suggest", Suggest).WithName("SuggestSearch");
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search(
        HttpRequest request, CatalogueSearch search, IOptions<SearchOptions> options, CancellationToken cancellationToken)
    {
        var (parsed, errors) = SearchRequestParser.Parse(request.Query, options.Value);
        return parsed is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await search.SearchAsync(parsed, cancellationToken));
    }

    private static async Task<Results<Ok<Suggestions>, ValidationProblem>> Suggest(
        CatalogueSearch search, CancellationToken cancellationToken, string? prefix = null, string? lang = null)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["prefix"] = ["Give the beginning of a word."] });
        }
        return TypedResults.Ok(await search.SuggestAsync(prefix, string.IsNullOrWhiteSpace(lang) ? "en" : lang, cancellationToken));
    }
}
