using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Catalogue;

/// <summary>What one committed write of <see cref="CatalogueService"/> changed: entries stored as they now are, and entries deleted.</summary>
public sealed record CatalogueChange(IReadOnlyList<LearningOpportunity> Saved, IReadOnlyList<Guid> Deleted);

/// <summary>
/// Told about every write of <see cref="CatalogueService"/> right after its database commit (the search index follows
/// the catalogue this way). The write is already committed when a listener runs: a listener handles its own failures
/// rather than throw, since the caller could not undo the write anyway.
/// </summary>
public interface ICatalogueChangeListener
{
    Task OnCommittedAsync(CatalogueChange change, CancellationToken cancellationToken);
}
