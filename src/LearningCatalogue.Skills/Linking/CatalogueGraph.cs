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
    // The Graph Store Protocol names graphs by http IRIs (Sparql.Iri refuses others), as EscoGraph does.
    public const string GraphIri = "http://learning-catalogue.example/graph/catalogue";
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
            DELETE WHERE {'{'} GRAPH <{GraphIri}> {'{'} {outcome} <{Elm}relatedESCOSkill> ?skill {'}'} {'}'} ;
            INSERT DATA {'{'} GRAPH <{GraphIri}> {'{'}
            {insert}{'}'} {'}'}
            """;
        return store.UpdateAsync(update, cancellationToken);
    }

    /// <summary>Adds the skill links of many entries' outcomes at once (Graph Store POST), as a bulk import makes them.</summary>
    public Task AddLinksAsync(IEnumerable<LearningOpportunity> entries, CancellationToken cancellationToken = default)
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
        return triples.Count == 0 ? Task.CompletedTask : store.AddToGraphAsync(GraphIri, triples.ToString(), cancellationToken);
    }

    /// <summary>The ESCO skills an outcome links to, as the RDF store holds them.</summary>
    public async Task<IReadOnlyList<string>> OutcomeLinksAsync(Guid outcomeId, CancellationToken cancellationToken = default)
    {
        var result = await store.QueryAsync(
            $"SELECT ?skill WHERE {{ GRAPH <{GraphIri}> {{ {Term(OutcomeIri(outcomeId))} <{Elm}relatedESCOSkill> ?skill }} }} ORDER BY ?skill",
            cancellationToken);
        return result.Rows.Select(r => r["skill"].Value).ToList();
    }

    // urn:uuid IRIs are built here from GUIDs, so they hold nothing to escape; Sparql.Iri takes http(s) input only.
    private static string Term(string urn) => $"<{urn}>";
}
