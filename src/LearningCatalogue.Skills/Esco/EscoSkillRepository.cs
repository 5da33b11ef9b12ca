using System.Globalization;
using System.Runtime.CompilerServices;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Esco;

/// <summary>A concept named by another, with its preferred label in the language asked (or its fallback).</summary>
public sealed record EscoConceptReference(string Uri, string? Label);

/// <summary>
/// A skill related to the one looked up. <see cref="RelationType"/>: "essential" / "optional" when the looked-up skill
/// needs it, "essential-for" / "optional-for" when it needs the looked-up skill.
/// </summary>
public sealed record EscoRelatedSkill(string Uri, string? Label, string RelationType);

/// <summary>One concept as a reader in one language sees it; texts carry the language they were found in.</summary>
public sealed record EscoSkillDetails
{
    public required string Uri { get; init; }
    public required string ConceptType { get; init; }
    public LocalizedText? PreferredLabel { get; init; }
    public IReadOnlyList<LocalizedText> AlternativeLabels { get; init; } = [];
    public LocalizedText? Description { get; init; }
    public string? SkillType { get; init; }
    public string? ReuseLevel { get; init; }
    public string? Status { get; init; }

    /// <summary>From the immediate broader concept up to the root of its pillar (the last element).</summary>
    public IReadOnlyList<EscoConceptReference> BroaderChain { get; init; } = [];
    public IReadOnlyList<EscoConceptReference> Narrower { get; init; } = [];
    public IReadOnlyList<EscoRelatedSkill> Related { get; init; } = [];
    public IReadOnlyList<string> Collections { get; init; } = [];
}

/// <summary>Sizes of the current ESCO graph. Label counts are those of skills (not groups), by language.</summary>
public sealed record EscoCounts(
    string GraphIri,
    long Triples,
    int Skills,
    int Groups,
    IReadOnlyDictionary<string, int> SkillPreferredLabels,
    IReadOnlyDictionary<string, int> SkillAlternativeLabels)
{
    public IReadOnlyList<string> Languages => SkillPreferredLabels.Keys.Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Reads the current ESCO graph (see <see cref="EscoGraph"/>) with SPARQL. Every value placed in a query is written as
/// an IRI or a literal term by the escaping helpers, after validation: a caller's string never becomes query syntax.
/// </summary>
public sealed class EscoSkillRepository(ISparqlStore store)
{
    private const string Prefixes = $"""
        PREFIX rdf: <{EscoVocabulary.Rdf}>
        PREFIX skos: <{EscoVocabulary.Skos}>
        PREFIX esco: <{EscoVocabulary.Esco}>
        PREFIX dct: <{EscoVocabulary.DcTerms}>
        PREFIX iso-thes: <{EscoVocabulary.IsoThes}>

        """;

    /// <summary>
    /// Rows asked for per SELECT. Stores cap result sizes (Virtuoso's ResultSetMaxRows, 10,000 by default) and a
    /// capped result looks complete, so every query asks for at most the cap and a full page is read as "maybe more".
    /// </summary>
    public int MaxRowsPerQuery { get; init; } = 10_000;

    /// <summary>Concepts per query of <see cref="AllSkillsAsync"/> (one result row each).</summary>
    public int ConceptsPerBatch { get; init; } = 1_000;

    // Control characters that ESCO texts never contain (the CSV reader refuses them), as SPARQL escapes.
    private const string ItemSeparator = @"\u001e";
    private const string FieldSeparator = @"\u001f";

    /// <summary>
    /// One concept (skill or group) in <paramref name="language"/>, labels and description falling back to the
    /// language's primary subtag and then to English; null when the current graph has no such concept.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute IRI or <paramref name="language"/> not a language tag.</exception>
    public async Task<EscoSkillDetails?> GetAsync(string uri, string language = "en", CancellationToken cancellationToken = default)
    {
        var subject = Iri(uri, nameof(uri));
        var languages = FallbackLanguages(language);
        var graph = Sparql.Iri(await EscoGraph.RequireCurrentAsync(store, cancellationToken).ConfigureAwait(false));

        var own = await store.QueryAsync(
            $"{Prefixes}SELECT ?p ?o WHERE {{ GRAPH {graph} {{ {subject} ?p ?o }} }}", cancellationToken).ConfigureAwait(false);
        var properties = own.Rows
            .Where(r => r.ContainsKey("p") && r.ContainsKey("o"))
            .Select(r => (P: r["p"].Value, O: r["o"]))
            .ToList();
        if (!properties.Any(x => x.P == EscoVocabulary.Type && x.O.Value == EscoVocabulary.Concept))
        {
            return null;
        }
        IEnumerable<RdfTerm> Objects(string predicate) => properties.Where(x => x.P == predicate).Select(x => x.O);
        IEnumerable<string> Iris(string predicate) => Objects(predicate).Where(o => o.Kind == RdfTermKind.Iri).Select(o => o.Value);

        // The ancestors with their own broader links: the chain to the root is chosen in memory (ESCO is a
        // poly-hierarchy; knowledge concepts have an ISCED-F path and sometimes a skill path).
        var ancestors = await store.QueryAsync(
            $"{Prefixes}SELECT ?a ?b WHERE {{ GRAPH {graph} {{ {subject} skos:broader+ ?a . OPTIONAL {{ ?a skos:broader ?b }} }} }}",
            cancellationToken).ConfigureAwait(false);
        var parents = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            [uri] = new(Iris(EscoVocabulary.Broader), StringComparer.Ordinal),
        };
        foreach (var row in ancestors.Rows)
        {
            if (!row.TryGetValue("a", out var a))
            {
                continue;
            }
            var set = parents.TryGetValue(a.Value, out var existing) ? existing : parents[a.Value] = new SortedSet<string>(StringComparer.Ordinal);
            if (row.TryGetValue("b", out var b) && b.Kind == RdfTermKind.Iri)
            {
                set.Add(b.Value);
            }
        }
        var chain = BroaderChain(uri, parents);

        var narrower = Iris(EscoVocabulary.Narrower).Order(StringComparer.Ordinal).ToList();
        var related = new List<(string Uri, string Type)>();
        foreach (var (predicate, type) in new[]
                 {
                     (EscoVocabulary.RelatedEssentialSkill, "essential"), (EscoVocabulary.RelatedOptionalSkill, "optional"),
                     (EscoVocabulary.IsEssentialSkillFor, "essential-for"), (EscoVocabulary.IsOptionalSkillFor, "optional-for"),
                 })
        {
            related.AddRange(Iris(predicate).Order(StringComparer.Ordinal).Select(r => (r, type)));
        }

        var labels = await PreferredLabelsAsync(graph, chain.Concat(narrower).Concat(related.Select(r => r.Uri)).Distinct(), languages, cancellationToken)
            .ConfigureAwait(false);
        string? LabelOf(string iri) => labels.TryGetValue(iri, out var l) ? l : null;

        var types = Iris(EscoVocabulary.Type).ToHashSet(StringComparer.Ordinal);
        var texts = properties.Where(x => x.O is { Kind: RdfTermKind.Literal, Language: not null }).ToList();
        return new EscoSkillDetails
        {
            Uri = uri,
            ConceptType = types.Contains(EscoVocabulary.GroupConcept) ? EscoConceptType.SkillGroup : EscoConceptType.Skill,
            PreferredLabel = Pick(texts, EscoVocabulary.PrefLabel, languages).FirstOrDefault(),
            AlternativeLabels = Pick(texts, EscoVocabulary.AltLabel, languages).Order(TextOrder).ToList(),
            Description = Pick(texts, EscoVocabulary.Description, languages).FirstOrDefault(),
            SkillType = EscoVocabulary.SkillTypeName(Iris(EscoVocabulary.SkillType)),
            ReuseLevel = EscoVocabulary.ReuseLevelName(Iris(EscoVocabulary.SkillReuseLevel).FirstOrDefault()),
            Status = Objects(EscoVocabulary.Status).Select(o => o.Value).FirstOrDefault(),
            BroaderChain = chain.Select(c => new EscoConceptReference(c, LabelOf(c))).ToList(),
            Narrower = narrower.Select(n => new EscoConceptReference(n, LabelOf(n))).ToList(),
            Related = related.Select(r => new EscoRelatedSkill(r.Uri, LabelOf(r.Uri), r.Type)).ToList(),
            Collections = Collections(Iris(EscoVocabulary.InScheme)),
        };
    }

    /// <summary>
    /// Every concept of the current graph (skills and groups, in URI order) with all its labels and descriptions in
    /// every language, its type, reuse level, status, broader concepts and collections. Reads up to
    /// <see cref="MaxRowsPerQuery"/> rows per query: a few dozen queries for the whole of ESCO.
    /// </summary>
    public async IAsyncEnumerable<EscoSkill> AllSkillsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var graphIri = await EscoGraph.RequireCurrentAsync(store, cancellationToken).ConfigureAwait(false);
        var graph = Sparql.Iri(graphIri);
        // Keyset paging on the URI: Virtuoso refuses ORDER BY with OFFSET + LIMIT past 10,000 rows (MaxSortedTopRows).
        var after = "";
        while (true)
        {
            var page = await store.QueryAsync(
                $"{Prefixes}SELECT ?s WHERE {{ GRAPH {graph} {{ ?s a skos:Concept }} FILTER(STR(?s) > {Sparql.Literal(after)}) }} ORDER BY STR(?s) LIMIT {MaxRowsPerQuery}",
                cancellationToken).ConfigureAwait(false);
            var uris = page.Rows.Where(r => r.TryGetValue("s", out var s) && s.Kind == RdfTermKind.Iri).Select(r => r["s"].Value).ToList();
            for (var i = 0; i < uris.Count; i += ConceptsPerBatch)
            {
                var batch = uris.Skip(i).Take(ConceptsPerBatch).ToList();
                // One row per concept, its statements concatenated: the result is a fraction of the ?s ?p ?o rows it
                // replaces, and a SPARQL JSON writer (Virtuoso's notably) spends its time per binding. The count lets
                // the parser prove that no value held a separator.
                var rows = await store.QueryAsync(
                    $$"""
                    {{Prefixes}}SELECT ?s (COUNT(?v) AS ?n) (GROUP_CONCAT(?v; separator="{{ItemSeparator}}") AS ?vs) WHERE {
                      GRAPH {{graph}} {
                        VALUES ?s { {{string.Join(' ', batch.Select(Sparql.Iri))}} }
                        ?s ?p ?o .
                        FILTER(?p IN (rdf:type, skos:prefLabel, skos:altLabel, dct:description, esco:skillType, esco:skillReuseLevel, iso-thes:status, skos:broader, skos:inScheme))
                        BIND(CONCAT(STR(?p), "{{FieldSeparator}}", IF(isIRI(?o), "<", LANG(?o)), "{{FieldSeparator}}", STR(?o)) AS ?v)
                      }
                    } GROUP BY ?s
                    """, cancellationToken).ConfigureAwait(false);
                var bySubject = rows.Rows
                    .Where(r => r.ContainsKey("s") && r.ContainsKey("vs"))
                    .ToDictionary(r => r["s"].Value, ParseStatements, StringComparer.Ordinal);
                foreach (var uri in batch)
                {
                    yield return ToSkill(uri, bySubject.TryGetValue(uri, out var statements) ? statements : []);
                }
            }
            if (uris.Count < MaxRowsPerQuery)
            {
                // A re-import during the read drops the graph being read: what was streamed may then be partial.
                if (await EscoGraph.CurrentAsync(store, cancellationToken).ConfigureAwait(false) != graphIri)
                {
                    throw new InvalidOperationException("ESCO was imported again during the read: read it again.");
                }
                yield break;
            }
            after = uris[^1];
        }
    }

    /// <summary>
    /// Which of <paramref name="uris"/> are concepts of the current graph with the status "released", with their
    /// preferred labels in every language, in the order asked. A string that is not an IRI is simply not found.
    /// </summary>
    public async Task<IReadOnlyList<EscoSkill>> FindReleasedAsync(IEnumerable<string> uris, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uris);
        var asked = uris.Where(IsIri).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            return [];
        }
        var graph = Sparql.Iri(await EscoGraph.RequireCurrentAsync(store, cancellationToken).ConfigureAwait(false));
        var found = new Dictionary<string, EscoSkill>(StringComparer.Ordinal);
        foreach (var batch in asked.Chunk(100))
        {
            var result = await store.QueryAsync(
                $$"""
                {{Prefixes}}SELECT ?s ?type ?label WHERE {
                  VALUES ?s { {{string.Join(' ', batch.Select(Sparql.Iri))}} }
                  GRAPH {{graph}} {
                    ?s a skos:Concept ; a ?type ; iso-thes:status {{Sparql.Literal("released")}} .
                    FILTER(?type IN (esco:MemberConcept, esco:GroupConcept))
                    OPTIONAL { ?s skos:prefLabel ?label }
                  }
                } LIMIT {{MaxRowsPerQuery}}
                """, cancellationToken).ConfigureAwait(false);
            foreach (var group in result.Rows.Where(r => r.ContainsKey("s")).GroupBy(r => r["s"].Value, StringComparer.Ordinal))
            {
                found[group.Key] = new EscoSkill
                {
                    Uri = group.Key,
                    ConceptType = group.Any(r => r["type"].Value == EscoVocabulary.GroupConcept) ? EscoConceptType.SkillGroup : EscoConceptType.Skill,
                    Status = "released",
                    PreferredLabels = group.Where(r => r.TryGetValue("label", out var l) && l.Language is not null)
                        .Select(r => new LocalizedText(r["label"].Language!.ToLowerInvariant(), r["label"].Value))
                        .Distinct().Order(TextOrder).ToList(),
                };
            }
        }
        return asked.Where(found.ContainsKey).Select(u => found[u]).ToList();
    }

    /// <summary>The sizes of the current graph, counted by the store.</summary>
    public async Task<EscoCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var graphIri = await EscoGraph.RequireCurrentAsync(store, cancellationToken).ConfigureAwait(false);
        var graph = Sparql.Iri(graphIri);
        var totals = await store.QueryAsync(
            $$"""
            {{Prefixes}}SELECT ?triples ?skills ?groups WHERE {
              { SELECT (COUNT(*) AS ?triples) WHERE { GRAPH {{graph}} { ?s ?p ?o } } }
              { SELECT (COUNT(DISTINCT ?k) AS ?skills) WHERE { GRAPH {{graph}} { ?k a esco:MemberConcept } } }
              { SELECT (COUNT(DISTINCT ?c) AS ?groups) WHERE { GRAPH {{graph}} { ?c a esco:GroupConcept } } }
            }
            """, cancellationToken).ConfigureAwait(false);
        var row = totals.Rows.Single();
        return new EscoCounts(
            graphIri,
            Number(row, "triples"),
            (int)Number(row, "skills"),
            (int)Number(row, "groups"),
            await LabelsPerLanguageAsync(graph, "skos:prefLabel", cancellationToken).ConfigureAwait(false),
            await LabelsPerLanguageAsync(graph, "skos:altLabel", cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyDictionary<string, int>> LabelsPerLanguageAsync(string graph, string predicate, CancellationToken cancellationToken)
    {
        var result = await store.QueryAsync(
            $"{Prefixes}SELECT ?lang (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s a esco:MemberConcept ; {predicate} ?l }} BIND(LCASE(LANG(?l)) AS ?lang) }} GROUP BY ?lang",
            cancellationToken).ConfigureAwait(false);
        return result.Rows.Where(r => r.ContainsKey("lang"))
            .ToDictionary(r => r["lang"].Value, r => (int)Number(r, "n"), StringComparer.Ordinal);
    }

    /// <summary>Preferred labels of many concepts, each in the first of <paramref name="languages"/> it has.</summary>
    private async Task<Dictionary<string, string>> PreferredLabelsAsync(string graph, IEnumerable<string> uris, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var languageList = string.Join(", ", languages.Select(l => Sparql.Literal(l)));
        // Each concept yields at most one row per language: the batch stays below the row cap.
        foreach (var batch in uris.Chunk(Math.Max(1, MaxRowsPerQuery / Math.Max(1, languages.Count) / 2)))
        {
            var result = await store.QueryAsync(
                $$"""
                {{Prefixes}}SELECT ?s ?l WHERE {
                  VALUES ?s { {{string.Join(' ', batch.Select(Sparql.Iri))}} }
                  GRAPH {{graph}} { ?s skos:prefLabel ?l . FILTER(LCASE(LANG(?l)) IN ({{languageList}})) }
                }
                """, cancellationToken).ConfigureAwait(false);
            var rows = result.Rows.Where(r => r.ContainsKey("s") && r.ContainsKey("l")).ToList();
            foreach (var group in rows.GroupBy(r => r["s"].Value, StringComparer.Ordinal))
            {
                var best = group.Select(r => r["l"]).MinBy(l => Rank(languages, l.Language));
                if (best is not null)
                {
                    labels[group.Key] = best.Value;
                }
            }
        }
        return labels;
    }

    /// <summary>The "predicate, language or &lt;, value" items of one concept's concatenation.</summary>
    private static List<(string P, RdfTerm O)> ParseStatements(IReadOnlyDictionary<string, RdfTerm> row)
    {
        var items = row["vs"].Value.Split('\u001e');
        var expected = row.TryGetValue("n", out var n) ? long.Parse(n.Value, CultureInfo.InvariantCulture) : items.Length;
        var statements = new List<(string P, RdfTerm O)>(items.Length);
        foreach (var item in items)
        {
            var fields = item.Split('\u001f', 3);
            if (fields.Length != 3)
            {
                throw new InvalidDataException($"The statements of {row["s"].Value} hold a separator character.");
            }
            statements.Add((fields[0], fields[1] switch
            {
                "<" => new RdfTerm(RdfTermKind.Iri, fields[2]),
                "" => new RdfTerm(RdfTermKind.Literal, fields[2]),
                var language => new RdfTerm(RdfTermKind.Literal, fields[2], language),
            }));
        }
        if (statements.Count != expected)
        {
            throw new InvalidDataException($"The statements of {row["s"].Value} hold a separator character.");
        }
        return statements;
    }

    private static EscoSkill ToSkill(string uri, List<(string P, RdfTerm O)> properties)
    {
        IEnumerable<string> Iris(string predicate) =>
            properties.Where(x => x.P == predicate && x.O.Kind == RdfTermKind.Iri).Select(x => x.O.Value);
        IReadOnlyList<LocalizedText> Texts(string predicate) => properties
            .Where(x => x.P == predicate && x.O is { Kind: RdfTermKind.Literal, Language: not null })
            .Select(x => new LocalizedText(x.O.Language!.ToLowerInvariant(), x.O.Value))
            .Distinct().Order(TextOrder).ToList();
        return new EscoSkill
        {
            Uri = uri,
            ConceptType = Iris(EscoVocabulary.Type).Contains(EscoVocabulary.GroupConcept) ? EscoConceptType.SkillGroup : EscoConceptType.Skill,
            SkillType = EscoVocabulary.SkillTypeName(Iris(EscoVocabulary.SkillType)),
            ReuseLevel = EscoVocabulary.ReuseLevelName(Iris(EscoVocabulary.SkillReuseLevel).FirstOrDefault()),
            Status = properties.Where(x => x.P == EscoVocabulary.Status).Select(x => x.O.Value).FirstOrDefault() ?? "",
            PreferredLabels = Texts(EscoVocabulary.PrefLabel),
            AlternativeLabels = Texts(EscoVocabulary.AltLabel),
            Descriptions = Texts(EscoVocabulary.Description),
            Broader = Iris(EscoVocabulary.Broader).Order(StringComparer.Ordinal).ToList(),
            Collections = Collections(Iris(EscoVocabulary.InScheme)),
        };
    }

    /// <summary>
    /// The shortest path up to a concept without broader concepts, taking at each level the broader concept first in
    /// URI order: deterministic, and for ESCO's poly-hierarchy as good a chain as any.
    /// </summary>
    internal static IReadOnlyList<string> BroaderChain(string start, IReadOnlyDictionary<string, SortedSet<string>> parents)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var up = parents.TryGetValue(current, out var p) ? p : [];
            if (up.Count == 0 && current != start)
            {
                var chain = new List<string>();
                for (var node = current; node != start; node = previous[node])
                {
                    chain.Add(node);
                }
                chain.Reverse();
                return chain;
            }
            foreach (var parent in up.Where(seen.Add))
            {
                previous[parent] = current;
                queue.Enqueue(parent);
            }
        }
        return [];
    }

    /// <summary>"pt-BR" → pt-br, pt, en. Tags are compared lower-cased, as BCP 47 says they compare.</summary>
    internal static IReadOnlyList<string> FallbackLanguages(string language)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        Sparql.Literal("", language); // throws ArgumentException for what is not a language tag
        var tag = language.ToLowerInvariant();
        var parts = tag.Split('-');
        var result = new List<string>();
        for (var n = parts.Length; n >= 1; n--)
        {
            result.Add(string.Join('-', parts[..n]));
        }
        result.Add("en");
        return result.Distinct().ToList();
    }

    /// <summary>The texts of <paramref name="predicate"/> in the first language of <paramref name="languages"/> that has any.</summary>
    private static IEnumerable<LocalizedText> Pick(List<(string P, RdfTerm O)> texts, string predicate, IReadOnlyList<string> languages)
    {
        foreach (var language in languages)
        {
            var found = texts.Where(x => x.P == predicate && string.Equals(x.O.Language, language, StringComparison.OrdinalIgnoreCase))
                .Select(x => new LocalizedText(language, x.O.Value))
                .ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }
        return [];
    }

    private static int Rank(IReadOnlyList<string> languages, string? language)
    {
        for (var i = 0; i < languages.Count; i++)
        {
            if (string.Equals(languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private static IReadOnlyList<string> Collections(IEnumerable<string> schemes) =>
        schemes.Select(EscoVocabulary.CollectionName).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private static readonly Comparer<LocalizedText> TextOrder = Comparer<LocalizedText>.Create((a, b) =>
        string.CompareOrdinal(a.Language, b.Language) is var c and not 0 ? c : string.CompareOrdinal(a.Value, b.Value));

    private static string Iri(string uri, string parameter) =>
        IsIri(uri) ? Sparql.Iri(uri) : throw new ArgumentException($"'{uri}' is not an http(s) IRI that can be looked up.", parameter);

    private static bool IsIri(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return false;
        }
        try
        {
            Sparql.Iri(uri);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static long Number(IReadOnlyDictionary<string, RdfTerm> row, string variable) =>
        row.TryGetValue(variable, out var term) ? long.Parse(term.Value, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;
}
