using System.Text.Json;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;

namespace LearningCatalogue.Catalogue.Exchange;

/// <summary>
/// Lossless export and import of the whole catalogue as one JSON array of entries, everything included
/// (ids, workflow state, timestamps, skill-link provenance). Exporting, importing into an empty database
/// and exporting again gives the same bytes.
/// </summary>
public sealed class JsonExchange(CatalogueService catalogue)
{
    /// <summary>Writes every entry to <paramref name="output"/>; <paramref name="progress"/> hears the number written so far.</summary>
    public async Task<int> ExportAsync(Stream output, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var count = 0;
        async IAsyncEnumerable<LearningOpportunity> Counted()
        {
            await foreach (var entry in catalogue.Store.StreamAllAsync(cancellationToken))
            {
                count++;
                progress?.Report(count);
                yield return entry;
            }
        }
        await JsonSerializer.SerializeAsync(output, Counted(), Options, cancellationToken);
        return count;
    }

    /// <summary>Imports every entry of an export in one transaction; a bad entry imports nothing.</summary>
    public async Task<int> ImportAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var entries = await JsonSerializer.DeserializeAsync<List<LearningOpportunity>>(input, Options, cancellationToken)
            ?? throw new JsonException("The file holds null, not an array of learning opportunities.");
        // RespectNullableAnnotations does not reach the elements of the top-level array.
        if (entries.IndexOf(null!) is var nullAt and >= 0) throw new JsonException($"Entry {nullAt + 1} is null, not a learning opportunity.");
        await catalogue.RestoreAsync(entries, cancellationToken);
        return entries.Count;
    }

    private static readonly JsonSerializerOptions Options = new(CatalogueJson.Options) { WriteIndented = true };
}
