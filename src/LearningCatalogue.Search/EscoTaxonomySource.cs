using LearningCatalogue.Skills.Esco;

namespace LearningCatalogue.Search;

/// <summary>
/// Where the index reads the ESCO taxonomy (labels, ancestors and collections of linked skills) from. The host registers
/// one reading the RDF store; without one, skills are indexed by URI and the label recorded with the link only.
/// The index asks at every rebuild and every change, so a source keeps what it loaded while it is still current.
/// </summary>
public interface IEscoTaxonomySource
{
    Task<EscoTaxonomy> LoadAsync(CancellationToken cancellationToken);
}

/// <summary>A taxonomy source from a delegate, or a fixed taxonomy.</summary>
public sealed class EscoTaxonomySource(Func<CancellationToken, Task<EscoTaxonomy>> load) : IEscoTaxonomySource
{
    public static EscoTaxonomySource Empty { get; } = Fixed(new EscoTaxonomy([]));

    public static EscoTaxonomySource Fixed(EscoTaxonomy taxonomy) => new(_ => Task.FromResult(taxonomy));

    public Task<EscoTaxonomy> LoadAsync(CancellationToken cancellationToken) => load(cancellationToken);
}
