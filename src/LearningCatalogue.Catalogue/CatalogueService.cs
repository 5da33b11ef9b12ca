using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningCatalogue.Catalogue;

/// <summary>
/// The catalogue's write path: gives new entries their identity and timestamps, validates every write,
/// and stores it whole. API, CLI and importers all write through here. After each commit it tells the
/// <see cref="ICatalogueChangeListener"/>s (the search index) what changed, and logs each committed write with the
/// entry's id, so that an operator can follow an entry through the log.
/// </summary>
public sealed partial class CatalogueService(
    LearningOpportunityStore store, LearningOpportunityValidator validator, TimeProvider clock,
    IEnumerable<ICatalogueChangeListener>? listeners = null, ILogger<CatalogueService>? logger = null)
{
    private readonly ICatalogueChangeListener[] _listeners = listeners?.ToArray() ?? [];
    private readonly ILogger _logger = logger ?? NullLogger<CatalogueService>.Instance;

    public LearningOpportunityStore Store => store;

    /// <summary>
    /// Creates a draft from what a provider described. Id, status, revision and timestamps are the catalogue's. A
    /// description carries no skill links: they are set with <see cref="SetSkillLinksAsync"/>, after the skill service
    /// has checked them against ESCO.
    /// </summary>
    public async Task<LearningOpportunity> CreateAsync(LearningOpportunity description, CancellationToken cancellationToken = default)
    {
        var entry = NewDraft(description);
        var result = validator.Validate(entry);
        for (var i = 0; i < entry.LearningOutcomes.Count; i++)
        {
            if (entry.LearningOutcomes[i].SkillLinks.Count > 0) result.Add($"learningOutcomes[{i}].skillLinks", LinkThroughTheSkillService);
        }
        if (!result.IsValid) throw new CatalogueValidationException(result);
        await store.AddAsync(entry, cancellationToken);
        LogCreated(entry.Id, entry.Key);
        await NotifyAsync(new CatalogueChange([entry], []));
        return entry;
    }

    /// <summary>
    /// Replaces the description of an entry, keeping its identity and workflow state. Null when it does not exist. An
    /// outcome the entry had keeps its skill links, with their provenance; the description may repeat them (as a read,
    /// changed and sent back does) but not change them: that is <see cref="SetSkillLinksAsync"/>'s.
    /// </summary>
    public async Task<LearningOpportunity?> UpdateAsync(Guid id, LearningOpportunity description, CancellationToken cancellationToken = default)
    {
        var existing = await store.FindAsync(id, cancellationToken);
        if (existing is null) return null;
        var ownOutcomes = existing.LearningOutcomes.ToDictionary(o => o.Id);
        var entry = description with
        {
            Id = id,
            // Outcomes keep their ids across edits; an id the entry did not have is the client's, not ours to trust.
            LearningOutcomes = description.LearningOutcomes
                .Select(o => ownOutcomes.TryGetValue(o.Id, out var own) ? o with { SkillLinks = own.SkillLinks } : o with { Id = Guid.NewGuid(), SkillLinks = [] })
                .ToList(),
            Status = existing.Status,
            Revision = existing.Revision,
            CreatedAt = existing.CreatedAt,
            ModifiedAt = clock.GetUtcNow(),
        };
        var result = validator.Validate(entry);
        for (var i = 0; i < description.LearningOutcomes.Count; i++)
        {
            var asked = description.LearningOutcomes[i].SkillLinks.Select(l => l.SkillUri).Order(StringComparer.Ordinal);
            if (!asked.SequenceEqual(entry.LearningOutcomes[i].SkillLinks.Select(l => l.SkillUri).Order(StringComparer.Ordinal)))
            {
                result.Add($"learningOutcomes[{i}].skillLinks", LinkThroughTheSkillService);
            }
        }
        if (!result.IsValid) throw new CatalogueValidationException(result);
        if (!await store.UpdateAsync(entry, cancellationToken)) return null;
        LogUpdated(entry.Id, entry.Key);
        await NotifyAsync(new CatalogueChange([entry], []));
        return entry;
    }

    /// <summary>
    /// Replaces the skill links of the learning outcome at <paramref name="outcomeIndex"/> (0-based) with one to three
    /// links, stamped with who linked them and when. Null when the entry or the outcome does not exist.
    /// </summary>
    public async Task<LearningOpportunity?> SetSkillLinksAsync(
        Guid id, int outcomeIndex, IReadOnlyList<SkillLink> links, string linkedBy, CancellationToken cancellationToken = default)
    {
        var existing = await store.FindAsync(id, cancellationToken);
        if (existing is null || outcomeIndex < 0 || outcomeIndex >= existing.LearningOutcomes.Count) return null;
        var now = clock.GetUtcNow();
        var stamped = links.Select(l => l with { LinkedBy = linkedBy, LinkedAt = now }).ToList();
        var outcomes = existing.LearningOutcomes.ToList();
        outcomes[outcomeIndex] = outcomes[outcomeIndex] with { SkillLinks = stamped };
        var entry = existing with { LearningOutcomes = outcomes, ModifiedAt = now };

        var result = validator.Validate(entry);
        if (stamped.Count == 0) result.Add($"learningOutcomes[{outcomeIndex}].skillLinks", "Link at least one ESCO skill.");
        if (string.IsNullOrWhiteSpace(linkedBy)) result.Add("linkedBy", "Say who links the skills.");
        if (!result.IsValid) throw new CatalogueValidationException(result);

        await store.ReplaceSkillLinksAsync(id, outcomes[outcomeIndex].Id, stamped, now, cancellationToken);
        LogSkillsLinked(id, outcomeIndex + 1, stamped.Count, linkedBy);
        await NotifyAsync(new CatalogueChange([entry], []));
        return entry;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await store.DeleteAsync(id, cancellationToken)) return false;
        LogDeleted(id);
        await NotifyAsync(new CatalogueChange([], [id]));
        return true;
    }

    /// <summary>Creates drafts for many descriptions in one transaction: all are stored, or none.</summary>
    /// <param name="status">
    /// Draft for what providers submit. An administrator's import may store entries as published at once (the sample
    /// corpus, so that a new installation has something to search); that bypasses review and is never a provider's path.
    /// </param>
    public async Task<IReadOnlyList<LearningOpportunity>> CreateManyAsync(
        IEnumerable<LearningOpportunity> descriptions, CancellationToken cancellationToken = default, PublicationStatus status = PublicationStatus.Draft)
    {
        var entries = descriptions.Select(d => NewDraft(d) with { Status = status }).ToList();
        await RestoreAsync(entries, cancellationToken);
        return entries;
    }

    /// <summary>
    /// Stores complete entries as they are (ids, status, revision and timestamps included), as a restore
    /// from an export does. Every entry is validated first; one transaction stores them all, or none.
    /// </summary>
    public async Task RestoreAsync(IReadOnlyList<LearningOpportunity> entries, CancellationToken cancellationToken = default)
    {
        var outcomeIds = new HashSet<Guid>();
        for (var i = 0; i < entries.Count; i++)
        {
            var result = validator.Validate(entries[i]);
            for (var j = 0; j < entries[i].LearningOutcomes.Count; j++)
            {
                if (!outcomeIds.Add(entries[i].LearningOutcomes[j].Id)) result.Add($"learningOutcomes[{j}].id", "Another entry has a learning outcome with this id.");
            }
            if (!result.IsValid) throw new CatalogueValidationException(result, i);
        }
        await store.AddRangeAsync(entries, cancellationToken);
        LogStoredMany(entries.Count);
        await NotifyAsync(new CatalogueChange(entries, []));
    }

    private const string LinkThroughTheSkillService =
        "Skills are linked to an outcome through PUT /api/learning-opportunities/{id}/outcomes/{n}/skills, which checks them against ESCO.";

    // The write is committed: the listeners run to the end even when the caller has given up meanwhile,
    // or the index would miss a change the database holds.
    private async Task NotifyAsync(CatalogueChange change)
    {
        foreach (var listener in _listeners) await listener.OnCommittedAsync(change, CancellationToken.None);
    }

    private LearningOpportunity NewDraft(LearningOpportunity description)
    {
        var now = clock.GetUtcNow();
        return description with
        {
            // A new entry's outcomes are new: their ids are the catalogue's.
            LearningOutcomes = description.LearningOutcomes.Select(o => o with { Id = Guid.NewGuid() }).ToList(),
            Id = Guid.CreateVersion7(now),
            Status = PublicationStatus.Draft,
            Revision = 1,
            CreatedAt = now,
            ModifiedAt = now,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created learning opportunity {EntryId} ({Key})")]
    private partial void LogCreated(Guid entryId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated learning opportunity {EntryId} ({Key})")]
    private partial void LogUpdated(Guid entryId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked {SkillCount} skills to outcome {Outcome} of learning opportunity {EntryId}, by {LinkedBy}")]
    private partial void LogSkillsLinked(Guid entryId, int outcome, int skillCount, string linkedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted learning opportunity {EntryId}")]
    private partial void LogDeleted(Guid entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} learning opportunities in one transaction")]
    private partial void LogStoredMany(int count);
}
