using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Rdf;

namespace LearningCatalogue.Skills.Esco;

/// <summary>One statement: an IRI or a string literal (with its language tag, if any) as object.</summary>
public readonly record struct EscoTriple(string Subject, string Predicate, string Object, bool ObjectIsIri, string? Language = null)
{
    public static EscoTriple Iri(string subject, string predicate, string objectIri) => new(subject, predicate, objectIri, true);

    public static EscoTriple Literal(string subject, string predicate, string value, string? language = null) => new(subject, predicate, value, false, language);

    /// <summary>Appends the statement to an N-Triples document (which validates IRIs and escapes literals).</summary>
    public void AddTo(NTriplesBuilder builder)
    {
        if (ObjectIsIri)
        {
            builder.AddIri(Subject, Predicate, Object);
        }
        else
        {
            builder.AddLiteral(Subject, Predicate, Object, Language);
        }
    }
}

/// <summary>
/// Maps an ESCO CSV package to RDF as ESCO publishes it (see <see cref="EscoVocabulary"/>), each statement once.
/// </summary>
public static class EscoRdfMapping
{
    /// <summary>The package as an N-Triples document, one statement a line (for tests and exports; the importer streams <see cref="ToTriples"/>).</summary>
    public static IEnumerable<string> ToNTriples(EscoCsvPackage package)
    {
        var builder = new NTriplesBuilder(256);
        foreach (var triple in ToTriples(package))
        {
            builder.Clear();
            triple.AddTo(builder);
            yield return builder.ToString().TrimEnd('\n');
        }
    }

    /// <summary>The statements of the whole package: concepts, hierarchy both ways, skill relations both ways, collections.</summary>
    public static IEnumerable<EscoTriple> ToTriples(EscoCsvPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var narrower = package.Concepts
            .SelectMany(c => c.Broader.Select(b => (Broader: b, Narrower: c.Uri)))
            .ToLookup(x => x.Broader, x => x.Narrower, StringComparer.Ordinal);

        foreach (var concept in package.Concepts)
        {
            package.Extras.TryGetValue(concept.Uri, out var extras);
            foreach (var line in Concept(concept, extras ?? new EscoConceptExtras(), narrower[concept.Uri]))
            {
                yield return line;
            }
        }

        foreach (var relation in package.Relations)
        {
            var (related, inverse) = relation.RelationType == "essential"
                ? (EscoVocabulary.RelatedEssentialSkill, EscoVocabulary.IsEssentialSkillFor)
                : (EscoVocabulary.RelatedOptionalSkill, EscoVocabulary.IsOptionalSkillFor);
            yield return EscoTriple.Iri(relation.Original, related, relation.Related);
            yield return EscoTriple.Iri(relation.Related, inverse, relation.Original);
        }

        foreach (var (name, iri) in EscoVocabulary.CollectionIris)
        {
            var members = package.Concepts.Where(c => c.Collections.Contains(name)).ToList();
            yield return EscoTriple.Iri(iri, EscoVocabulary.Type, EscoVocabulary.Collection);
            yield return EscoTriple.Literal(iri, EscoVocabulary.PrefLabel, EscoVocabulary.CollectionLabels[name], "en");
            foreach (var member in members)
            {
                yield return EscoTriple.Iri(iri, EscoVocabulary.Member, member.Uri);
            }
        }
    }

    /// <summary>The statements about one concept, its narrower links included.</summary>
    public static IEnumerable<EscoTriple> Concept(EscoSkill concept, EscoConceptExtras extras, IEnumerable<string> narrower)
    {
        ArgumentNullException.ThrowIfNull(concept);
        var s = concept.Uri;
        yield return EscoTriple.Iri(s, EscoVocabulary.Type, EscoVocabulary.Concept);
        yield return EscoTriple.Iri(s, EscoVocabulary.Type, EscoVocabulary.Skill);
        yield return EscoTriple.Iri(s, EscoVocabulary.Type,
            concept.ConceptType == EscoConceptType.SkillGroup ? EscoVocabulary.GroupConcept : EscoVocabulary.MemberConcept);

        foreach (var line in Texts(s, EscoVocabulary.PrefLabel, concept.PreferredLabels)
                     .Concat(Texts(s, EscoVocabulary.AltLabel, concept.AlternativeLabels))
                     .Concat(Texts(s, EscoVocabulary.HiddenLabel, extras.HiddenLabels))
                     .Concat(Texts(s, EscoVocabulary.Description, concept.Descriptions))
                     .Concat(Texts(s, EscoVocabulary.Definition, extras.Definitions))
                     .Concat(Texts(s, EscoVocabulary.ScopeNote, extras.ScopeNotes)))
        {
            yield return line;
        }

        foreach (var type in EscoVocabulary.SkillTypeIris(concept.SkillType))
        {
            yield return EscoTriple.Iri(s, EscoVocabulary.SkillType, type);
        }
        if (!string.IsNullOrWhiteSpace(concept.ReuseLevel))
        {
            yield return EscoTriple.Iri(s, EscoVocabulary.SkillReuseLevel, EscoVocabulary.ReuseLevelIri(concept.ReuseLevel));
        }
        yield return EscoTriple.Literal(s, EscoVocabulary.Status, concept.Status);
        if (extras.Notation is { } notation)
        {
            yield return EscoTriple.Literal(s, EscoVocabulary.Notation, notation);
        }

        var schemes = extras.InSchemes.Count > 0 ? extras.InSchemes : [EscoVocabulary.SkillsScheme];
        foreach (var scheme in schemes.Concat(concept.Collections.Select(c => EscoVocabulary.CollectionIris[c])).Distinct(StringComparer.Ordinal))
        {
            yield return EscoTriple.Iri(s, EscoVocabulary.InScheme, scheme);
        }
        foreach (var broader in concept.Broader.Distinct(StringComparer.Ordinal))
        {
            yield return EscoTriple.Iri(s, EscoVocabulary.Broader, broader);
        }
        foreach (var child in narrower.Distinct(StringComparer.Ordinal))
        {
            yield return EscoTriple.Iri(s, EscoVocabulary.Narrower, child);
        }
    }

    private static IEnumerable<EscoTriple> Texts(string subject, string predicate, IEnumerable<LocalizedText> texts) =>
        texts.Distinct().Select(t => EscoTriple.Literal(subject, predicate, t.Value, t.Language));
}
