using System.Text;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Linking;

/// <summary>
/// The catalogue's own named graph in the RDF store: learning outcomes as European Learning Model resources
/// (elm:LearningOutcome) with their elm:relatedESCOSkill links, so that SPARQL clients see what the database holds.
/// Outcomes are named urn:uuid:{id}, as their ids are GUIDs; an entry's outcomes hang from its
/// elm:LearningAchievementSpecification.
/// </summary>
public sealed class CatalogueGraph(ISparqlStore store)
{
    /// <summary>The catalogue's graph: <c>catalogue</c> under the store's configured graph base.</summary>
    public string GraphIri => store.GraphIri("catalogue");

    public const string Elm = "http://data.europa.eu/snb/model/elm/";
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    public static string OutcomeIri(Guid outcomeId) => $"urn:uuid:{outcomeId:D}";

    public static string SpecificationIri(Guid entryId) => $"urn:uuid:{entryId:D}";

    /// <summary>Replaces the skill links of one outcome with <paramref name="skillUris"/> in one SPARQL Update request.</summary>
    public Task ReplaceOutcomeLinksAsync(Guid entryId, Guid outcomeId, IReadOnlyList<string> skillUris, CancellationToken cancellationToken = default)
    {
        var outcome = Term(OutcomeIri(outcomeId));
        var insert = new StringBuilder()
            .Append($"{Term(SpecificationIri(entryId))} <{RdfType}> <{Elm}LearningAchievementSpecification> ; <{Elm}learningOutcome> {outcome} .\n")
            .Append($"{outcome} <{RdfType}> <{Elm}LearningOutcome> .\n");
        foreach (var skill in skillUris)
        {
            insert.Append($"{outcome} <{Elm}relatedESCOSkill> {Sparql.Iri(skill)} .\n");
        }
        var update = $"""
            DELETE WHERE {'{'} GRAPH {Sparql.Iri(GraphIri)} {'{'} {outcome} <{Elm}relatedESCOSkill> ?skill {'}'} {'}'} ;
            INSERT DATA {'{'} GRAPH {Sparql.Iri(GraphIri)} {'{'}
            {insert}{'}'} {'}'}
            """;
        return store.UpdateAsync(update, cancellationToken);
    }

    /// <summary>Adds the skill links of many entries' outcomes at once (Graph Store POST), as a bulk import makes them.</summary>
    public Task AddLinksAsync(IEnumerable<LearningOpportunity> entries, CancellationToken cancellationToken = default)
    {
        var triples = Triples(entries);
        return triples.Count == 0 ? Task.CompletedTask : store.AddToGraphAsync(GraphIri, triples.ToString(), cancellationToken);
    }

    /// <summary>
    /// Writes the graph anew from <paramref name="entries"/> (the whole catalogue, read from the database): dropped, then
    /// loaded in batches. For an operator after a restore or a time the store was down; readers see it fill meanwhile.
    /// </summary>
    public async Task<int> RebuildAsync(IAsyncEnumerable<LearningOpportunity> entries, CancellationToken cancellationToken = default)
    {
        await store.DropGraphAsync(GraphIri, cancellationToken);
        var count = 0;
        await foreach (var batch in entries.Chunk(500).WithCancellation(cancellationToken))
        {
            await AddLinksAsync(batch, cancellationToken);
            count += batch.Length;
        }
        return count;
    }

    /// <summary>
    /// Makes the graph say what the database now holds for these entries, in one SPARQL Update request: whatever the graph
    /// held for the <paramref name="saved"/> and <paramref name="deleted"/> entries (their specification and its outcomes)
    /// is removed, then the saved entries' links are inserted. Outcomes an edit removed take their links with them.
    /// </summary>
    public Task ReplaceEntriesAsync(IReadOnlyList<LearningOpportunity> saved, IReadOnlyList<Guid> deleted, CancellationToken cancellationToken = default)
    {
        var specifications = string.Join(' ', saved.Select(e => e.Id).Concat(deleted).Select(id => Term(SpecificationIri(id))));
        if (specifications.Length == 0) return Task.CompletedTask;
        var graph = Sparql.Iri(GraphIri);
        var update = new StringBuilder()
            .Append($"DELETE {{ GRAPH {graph} {{ ?outcome ?p ?o }} }} WHERE {{ VALUES ?specification {{ {specifications} }} GRAPH {graph} {{ ?specification <{Elm}learningOutcome> ?outcome . ?outcome ?p ?o }} }} ;\n")
            .Append($"DELETE {{ GRAPH {graph} {{ ?specification ?p ?o }} }} WHERE {{ VALUES ?specification {{ {specifications} }} GRAPH {graph} {{ ?specification ?p ?o }} }}");
        var triples = Triples(saved);
        if (triples.Count > 0) update.Append($" ;\nINSERT DATA {{ GRAPH {graph} {{\n{triples}}} }}");
        return store.UpdateAsync(update.ToString(), cancellationToken);
    }

    // N-Triples lines are also valid inside a SPARQL INSERT DATA block.
    private static NTriplesBuilder Triples(IEnumerable<LearningOpportunity> entries)
    {
        var triples = new NTriplesBuilder();
        foreach (var entry in entries)
        {
            foreach (var outcome in entry.LearningOutcomes.Where(o => o.SkillLinks.Count > 0))
            {
                var outcomeIri = OutcomeIri(outcome.Id);
                triples.AddIri(SpecificationIri(entry.Id), RdfType, Elm + "LearningAchievementSpecification")
                    .AddIri(SpecificationIri(entry.Id), Elm + "learningOutcome", outcomeIri)
                    .AddIri(outcomeIri, RdfType, Elm + "LearningOutcome");
                foreach (var link in outcome.SkillLinks) triples.AddIri(outcomeIri, Elm + "relatedESCOSkill", link.SkillUri);
            }
        }
        return triples;
    }

    /// <summary>The ESCO skills an outcome links to, as the RDF store holds them.</summary>
    public async Task<IReadOnlyList<string>> OutcomeLinksAsync(Guid outcomeId, CancellationToken cancellationToken = default)
    {
        var result = await store.QueryAsync(
            $"SELECT ?skill WHERE {{ GRAPH {Sparql.Iri(GraphIri)} {{ {Term(OutcomeIri(outcomeId))} <{Elm}relatedESCOSkill> ?skill }} }} ORDER BY ?skill",
            cancellationToken);
        return result.Rows.Select(r => r["skill"].Value).ToList();
    }

    // urn:uuid IRIs are built here from GUIDs, so they hold nothing to escape; Sparql.Iri takes http(s) input only.
    private static string Term(string urn) => $"<{urn}>";
}
