using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Tests.Integration;

/// <summary>A store that fails the <paramref name="failOnAdd"/>-th Graph Store request, as a store that dies half-way does.</summary>
public sealed class FailingStore(ISparqlStore inner, int failOnAdd) : ISparqlStore
{
    private int _adds;

    public List<string> GraphsWritten { get; } = [];
    public List<string> GraphsDropped { get; } = [];
    public int Updates { get; private set; }

    public string GraphIri(string name) => inner.GraphIri(name);

    public Task<SparqlResultSet> QueryAsync(string query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task UpdateAsync(string update, CancellationToken cancellationToken = default)
    {
        Updates++;
        return inner.UpdateAsync(update, cancellationToken);
    }

    public async Task AddToGraphAsync(string graphIri, string nTriples, CancellationToken cancellationToken = default)
    {
        if (!GraphsWritten.Contains(graphIri)) GraphsWritten.Add(graphIri);
        if (++_adds == failOnAdd) throw new HttpRequestException("The store went away half-way.");
        await inner.AddToGraphAsync(graphIri, nTriples, cancellationToken);
    }

    public Task DropGraphAsync(string graphIri, CancellationToken cancellationToken = default)
    {
        GraphsDropped.Add(graphIri);
        return inner.DropGraphAsync(graphIri, cancellationToken);
    }
}
