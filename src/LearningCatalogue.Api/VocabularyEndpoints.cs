using LearningCatalogue.Catalogue.Vocabularies;

namespace LearningCatalogue.Api;

internal static class VocabularyEndpoints
{
    /// <summary>The controlled vocabularies, so that clients can show labels and offer the valid codes.</summary>
    public static void MapVocabularies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vocabularies/{scheme}", (string scheme, IVocabularyCatalog vocabularies) =>
            vocabularies.Terms(scheme) is { Count: > 0 } terms
                ? Results.Ok(terms)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown vocabulary", detail: $"There is no vocabulary '{scheme}'."))
            .WithName("GetVocabulary")
            .WithTags("Vocabularies");
    }
}
