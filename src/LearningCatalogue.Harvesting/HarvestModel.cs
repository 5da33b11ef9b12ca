using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Catalogue.Vocabularies;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using TextField = LearningCatalogue.Catalogue.Storage.LearningOpportunityStore.TextField;
using CodeField = LearningCatalogue.Catalogue.Storage.LearningOpportunityStore.CodeField;

namespace LearningCatalogue.Harvesting;

/// <summary>
/// Where the rows of an EDM structured type live: its table, the column its children refer to, the column of each
/// primitive property (the whitelist the query translator works from) and the child rows of each collection or
/// navigation property. Also how to read each property from the catalogue model, for writing responses.
/// </summary>
internal sealed class TableMap(IEdmStructuredType? type, string table, string keyColumn)
{
    /// <summary>The structured type of the rows; null for rows of a primitive collection (see <see cref="Relation.ValueColumn"/>).</summary>
    public IEdmStructuredType Type => type ?? throw new InvalidOperationException($"The rows of {table} hold primitive values.");
    public string Table => table;
    public string KeyColumn => keyColumn;

    /// <summary>Column per primitive property; a property of a single complex property is keyed "Complex/Property".</summary>
    public Dictionary<string, string> Columns { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Relation> Relations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every property in declaration order, with how to read it from the model object.</summary>
    public List<PropertyMap> Properties { get; } = [];

    /// <summary>The same type, columns and properties in another table (the texts of entries and of outcomes).</summary>
    public TableMap In(string otherTable)
    {
        var copy = new TableMap(type, otherTable, keyColumn) { KeyOf = KeyOf };
        foreach (var (property, column) in Columns) copy.Columns.Add(property, column);
        copy.Properties.AddRange(Properties);
        return copy;
    }

    /// <summary>The value of <see cref="KeyColumn"/> for a child object at a position of its list, as <see cref="HarvestModel.KeyText"/> writes it.</summary>
    public Func<object, int, string> KeyOf { get; init; } = (_, position) => HarvestModel.KeyText(position);
}

/// <summary>The child rows of a collection (or single navigation) property: joined on <see cref="ForeignKey"/>, narrowed by a discriminator.</summary>
internal sealed record Relation(TableMap Target, string ForeignKey, string? Discriminator = null, string? DiscriminatorValue = null, string? ValueColumn = null);

/// <summary>A property of a structured type and how to read it from the catalogue model.</summary>
/// <remarks>Get takes the object and its position in its list (the key of providers and agreements).</remarks>
internal sealed record PropertyMap(IEdmProperty Property, Func<object, int, object?> Get, TableMap? Target = null);

/// <summary>
/// The OData model of the harvesting API (CSDL at /odata/$metadata) and its mapping onto the catalogue tables,
/// declared together so that the EDM, the SQL whitelist and the serializer cannot drift apart.
/// </summary>
internal sealed class HarvestModel
{
    public const string Namespace = "LearningCatalogue";
    public const string EntitySetName = "LearningOpportunities";
    public const string ConceptSetName = "Concepts";

    private readonly EdmModel _model = new();
    private readonly Dictionary<Type, EdmEnumType> _enums = [];
    private readonly EdmTerm _conceptScheme;

    public HarvestModel(HarvestingOptions options)
    {
        // A term of this model's own: no standard vocabulary ties a code property to a code list.
        _conceptScheme = new EdmTerm(Namespace, "ConceptScheme", EdmPrimitiveTypeKind.String, "Property");
        _model.AddElement(_conceptScheme);
        Describe(_conceptScheme,
            $"The scheme of the {ConceptSetName} whose codes the property holds: {ConceptSetName}(Scheme='scheme',Code='code') gives the concept's URI and label.");
        var concept = Entity("Concept", "A concept of an EU controlled vocabulary that coded properties refer to by its code.");
        var localizedText = Complex("LocalizedText", "A text in one language (a BCP 47 tag).");
        var fee = Complex("Fee", "A fee; an amount of zero means free.");
        var contact = Complex("ContactPoint", "How to contact the provider about the opportunity.");
        var opportunity = Entity("LearningOpportunity", "A learning opportunity as the catalogue publishes it (Annex I of the Council Recommendation on micro-credentials).");
        var outcome = Entity("LearningOutcome", "A learning outcome, with the ESCO skills it is linked to.");
        var skillLink = Entity("SkillLink", "A link from a learning outcome to an ESCO skill.");
        var provider = Entity("Provider", "An institution that provides (or awards) the opportunity.");
        var agreement = Entity("RecognitionAgreement", "An agreement under which a partner recognises the credential.");

        Opportunities = new TableMap(opportunity, "learning_opportunity", "id") { KeyOf = (e, _) => KeyText(((LearningOpportunity)e).Id) };
        var opportunityTexts = new TableMap(localizedText, "opportunity_text", "ordinal");
        var fees = new TableMap(fee, "opportunity_fee", "ordinal");
        var codes = new TableMap(null, "opportunity_code", "ordinal");
        var outcomes = new TableMap(outcome, "learning_outcome", "id") { KeyOf = (o, _) => KeyText(((LearningOutcome)o).Id) };
        var skillLinks = new TableMap(skillLink, "skill_link", "skill_uri") { KeyOf = (l, _) => ((SkillLink)l).SkillUri };
        var providers = new TableMap(provider, "opportunity_provider", "ordinal");
        var agreements = new TableMap(agreement, "recognition_agreement", "ordinal");
        var contacts = new TableMap(contact, "learning_opportunity", "id");
        Concepts = new TableMap(concept, "vocabulary_term", "code");

        Key<VocabularyTerm>(Concepts, "Scheme", EdmPrimitiveTypeKind.String, "scheme", t => t.Scheme, "The vocabulary, as the ConceptScheme annotation of a coded property names it.");
        Key<VocabularyTerm>(Concepts, "Code", EdmPrimitiveTypeKind.String, "code", t => t.Code, "The code, as coded properties hold it.");
        Primitive<VocabularyTerm>(Concepts, "Uri", EdmPrimitiveTypeKind.String, false, "uri", t => t.Uri, "The concept's URI in the EU vocabularies.");
        Primitive<VocabularyTerm>(Concepts, "Label", EdmPrimitiveTypeKind.String, false, "label", t => t.Label, "The English label.");

        Primitive<LocalizedText>(opportunityTexts, "Language", EdmPrimitiveTypeKind.String, false, "language", t => t.Language, "BCP 47 language tag.");
        Primitive<LocalizedText>(opportunityTexts, "Value", EdmPrimitiveTypeKind.String, false, "value", t => t.Value);
        var outcomeTexts = opportunityTexts.In("outcome_text");
        Decimal<Fee>(fees, "Amount", false, "amount", f => f.Amount);
        Coded<Fee>(fees, "Currency", EdmPrimitiveTypeKind.String, false, "currency", f => f.Currency, VocabularyScheme.Currency, "Code of the Publications Office currency table.");
        Primitive<Fee>(fees, "Description", EdmPrimitiveTypeKind.String, true, "description", f => f.Description);
        Primitive<ContactPoint>(contacts, "Email", EdmPrimitiveTypeKind.String, true, "contact_email", c => c.Email);
        Primitive<ContactPoint>(contacts, "Url", EdmPrimitiveTypeKind.String, true, "contact_url", c => c.Url);

        Key<SkillLink>(skillLinks, "SkillUri", EdmPrimitiveTypeKind.String, "skill_uri", l => l.SkillUri, "URI of the ESCO skill.");
        Primitive<SkillLink>(skillLinks, "Label", EdmPrimitiveTypeKind.String, true, "label", l => l.Label, "Label of the skill when it was linked.");
        Primitive<SkillLink>(skillLinks, "LinkedBy", EdmPrimitiveTypeKind.String, true, "linked_by", l => l.LinkedBy);
        Primitive<SkillLink>(skillLinks, "LinkedAt", EdmPrimitiveTypeKind.DateTimeOffset, false, "linked_at", l => l.LinkedAt);
        Enum<SkillLink, SkillLinkSource>(skillLinks, "Source", false, "source", l => l.Source);

        Key<LearningOutcome>(outcomes, "Id", EdmPrimitiveTypeKind.Guid, "id", o => o.Id);
        Enum<LearningOutcome, OutcomeOrigin>(outcomes, "Origin", false, "origin", o => o.Origin);
        ComplexCollection<LearningOutcome>(outcomes, "Texts", new Relation(outcomeTexts, "outcome_id"), o => o.Text);
        Contained<LearningOutcome>(outcomes, "SkillLinks", new Relation(skillLinks, "outcome_id"), true, o => o.SkillLinks, "Up to three ESCO skills.");

        OrdinalKey(providers, "Position among the providers, from 0.");
        Primitive<Provider>(providers, "Name", EdmPrimitiveTypeKind.String, false, "name", p => p.Name);
        Coded<Provider>(providers, "Country", EdmPrimitiveTypeKind.String, true, "country", p => p.Country, VocabularyScheme.Country, "Code of the Publications Office country table.");
        Primitive<Provider>(providers, "Website", EdmPrimitiveTypeKind.String, true, "website", p => p.Website);
        Primitive<Provider>(providers, "LegalIdentifier", EdmPrimitiveTypeKind.String, true, "legal_identifier", p => p.LegalIdentifier);
        Primitive<Provider>(providers, "DeqarId", EdmPrimitiveTypeKind.String, true, "deqar_id", p => p.DeqarId);

        OrdinalKey(agreements, "Position among the agreements, from 0.");
        Primitive<RecognitionAgreement>(agreements, "PartnerName", EdmPrimitiveTypeKind.String, false, "partner_name", a => a.PartnerName);
        Coded<RecognitionAgreement>(agreements, "PartnerCountry", EdmPrimitiveTypeKind.String, true, "partner_country", a => a.PartnerCountry, VocabularyScheme.Country, "Code of the Publications Office country table.");
        Enum<RecognitionAgreement, RecognitionDirection>(agreements, "Direction", false, "direction", a => a.Direction);
        Decimal<RecognitionAgreement>(agreements, "CreditsRecognised", true, "credits_recognised", a => a.CreditsRecognised);
        Primitive<RecognitionAgreement>(agreements, "AgreementUrl", EdmPrimitiveTypeKind.String, true, "agreement_url", a => a.AgreementUrl);

        var o = Opportunities;
        Key<LearningOpportunity>(o, "Id", EdmPrimitiveTypeKind.Guid, "id", e => e.Id);
        Primitive<LearningOpportunity>(o, "Key", EdmPrimitiveTypeKind.String, false, "entry_key", e => e.Key, "Human-readable key, unique among the entries of the first provider.");
        Contained<LearningOpportunity>(o, "Providers", new Relation(providers, "opportunity_id", "role", "provider"), true, e => e.Providers);
        Contained<LearningOpportunity>(o, "AwardingBody", new Relation(providers, "opportunity_id", "role", "awarding"), false, e => e.AwardingBody);
        Texts(o, "Titles", opportunityTexts, TextField.Title, e => e.Title);
        Texts(o, "Summaries", opportunityTexts, TextField.Summary, e => e.Summary);
        Texts(o, "Descriptions", opportunityTexts, TextField.Description, e => e.Description);
        Texts(o, "FurtherInformation", opportunityTexts, TextField.FurtherInformation, e => e.FurtherInformation);
        Contained<LearningOpportunity>(o, "LearningOutcomes", new Relation(outcomes, "opportunity_id"), true, e => e.LearningOutcomes);
        Decimal<LearningOpportunity>(o, "EctsCredits", true, "ects_credits", e => e.EctsCredits);
        Decimal<LearningOpportunity>(o, "WorkloadHours", true, "workload_hours", e => e.WorkloadHours);
        Coded<LearningOpportunity>(o, "EqfLevel", EdmPrimitiveTypeKind.Int32, true, "eqf_level", e => e.EqfLevel, VocabularyScheme.Eqf, "EQF level, 1 to 8 (its code is the number).");
        Primitive<LearningOpportunity>(o, "NationalLevel", EdmPrimitiveTypeKind.String, true, "national_level", e => e.NationalLevel);
        Codes(o, "AssessmentTypes", codes, CodeField.Assessment, e => e.AssessmentTypes, VocabularyScheme.Assessment);
        Coded<LearningOpportunity>(o, "Mode", EdmPrimitiveTypeKind.String, true, "mode", e => e.Mode, VocabularyScheme.Mode, "Code of the Europass learning-assessment (mode) vocabulary.");
        Texts(o, "QualityAssurance", opportunityTexts, TextField.QualityAssurance, e => e.QualityAssurance);
        Texts(o, "Prerequisites", opportunityTexts, TextField.Prerequisites, e => e.Prerequisites);
        Enum<LearningOpportunity, SupervisionAndIdentityVerification>(o, "Supervision", true, "supervision", e => e.Supervision);
        Texts(o, "GradingScheme", opportunityTexts, TextField.GradingScheme, e => e.GradingScheme);
        Texts(o, "Stackability", opportunityTexts, TextField.Stackability, e => e.Stackability);
        Coded<LearningOpportunity>(o, "OpportunityType", EdmPrimitiveTypeKind.String, true, "opportunity_type", e => e.OpportunityType, VocabularyScheme.OpportunityType, "Code of the Europass learning-opportunity vocabulary.");
        Coded<LearningOpportunity>(o, "LearningSetting", EdmPrimitiveTypeKind.String, true, "learning_setting", e => e.LearningSetting, VocabularyScheme.LearningSetting, "Code of the Europass learning-setting vocabulary.");
        Codes(o, "Languages", codes, CodeField.InstructionLanguage, e => e.InstructionLanguages, VocabularyScheme.Language);
        Codes(o, "ThematicFields", codes, CodeField.ThematicField, e => e.ThematicFields, VocabularyScheme.IscedF);
        Coded<LearningOpportunity>(o, "LearningSchedule", EdmPrimitiveTypeKind.String, true, "learning_schedule", e => e.LearningSchedule, VocabularyScheme.LearningSchedule, "Code of the Europass learning-schedule vocabulary.");
        Primitive<LearningOpportunity>(o, "SelfPaced", EdmPrimitiveTypeKind.Boolean, false, "self_paced", e => e.SelfPaced);
        Primitive<LearningOpportunity>(o, "StartDate", EdmPrimitiveTypeKind.Date, true, "start_date", e => e.StartDate);
        Primitive<LearningOpportunity>(o, "EndDate", EdmPrimitiveTypeKind.Date, true, "end_date", e => e.EndDate);
        Primitive<LearningOpportunity>(o, "EnrolmentStart", EdmPrimitiveTypeKind.Date, true, "enrolment_start", e => e.EnrolmentStart);
        Primitive<LearningOpportunity>(o, "EnrolmentEnd", EdmPrimitiveTypeKind.Date, true, "enrolment_end", e => e.EnrolmentEnd);
        Primitive<LearningOpportunity>(o, "Duration", EdmPrimitiveTypeKind.String, true, "duration", e => e.Duration, "ISO 8601 duration, for example P6W.");
        ComplexCollection<LearningOpportunity>(o, "Fees", new Relation(fees, "opportunity_id"), e => e.Fees);
        Primitive<LearningOpportunity>(o, "Location", EdmPrimitiveTypeKind.String, true, "location", e => e.Location);
        Codes(o, "TargetGroups", codes, CodeField.TargetGroup, e => e.TargetGroups, VocabularyScheme.TargetGroup);
        Texts(o, "TargetGroupDescriptions", opportunityTexts, TextField.TargetGroupDescription, e => e.TargetGroupDescription);
        SingleComplex<LearningOpportunity>(o, "Contact", contacts, e => e.Contact);
        Primitive<LearningOpportunity>(o, "Homepage", EdmPrimitiveTypeKind.String, true, "homepage", e => e.Homepage);
        Enum<LearningOpportunity, CredentialKind>(o, "CredentialKind", false, "credential_kind", e => e.CredentialKind);
        Primitive<LearningOpportunity>(o, "IssuedAsEuropeanDigitalCredential", EdmPrimitiveTypeKind.Boolean, false, "issued_as_edc", e => e.IssuedAsEuropeanDigitalCredential);
        Contained<LearningOpportunity>(o, "RecognitionAgreements", new Relation(agreements, "opportunity_id"), true, e => e.RecognitionAgreements);
        Primitive<LearningOpportunity>(o, "Revision", EdmPrimitiveTypeKind.Int32, false, "revision", e => e.Revision);
        Primitive<LearningOpportunity>(o, "CreatedAt", EdmPrimitiveTypeKind.DateTimeOffset, false, "created_at", e => e.CreatedAt);
        Primitive<LearningOpportunity>(o, "ModifiedAt", EdmPrimitiveTypeKind.DateTimeOffset, false, "modified_at", e => e.ModifiedAt);

        var container = new EdmEntityContainer(Namespace, "Catalogue");
        _model.AddElement(container);
        EntitySet = container.AddEntitySet(EntitySetName, opportunity);
        Annotate(EntitySet, options);
        ConceptSet = container.AddEntitySet(ConceptSetName, concept);
        AnnotateConcepts(ConceptSet);
    }

    public IEdmModel Model => _model;
    public EdmEntitySet EntitySet { get; }
    public TableMap Opportunities { get; }
    public EdmEntitySet ConceptSet { get; }
    public TableMap Concepts { get; }
    public IEdmEntityType OpportunityType => (IEdmEntityType)Opportunities.Type;

    /// <summary>Keys as the database hands them back and as the model holds them, in one comparable form.</summary>
    public static string KeyText(object value) => value switch
    {
        Guid guid => guid.ToString("D"),
        string text when Guid.TryParse(text, out var guid) => guid.ToString("D"),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A CLR value of the model as OData writes it.</summary>
    public static object? ODataValue(object? value) => value switch
    {
        System.Enum member => new ODataEnumValue(member.ToString()),
        _ => value,
    };

    private EdmComplexType Complex(string name, string description)
    {
        var type = new EdmComplexType(Namespace, name);
        _model.AddElement(type);
        Describe(type, description);
        return type;
    }

    private EdmEntityType Entity(string name, string description)
    {
        var type = new EdmEntityType(Namespace, name);
        _model.AddElement(type);
        Describe(type, description);
        return type;
    }

    private EdmEnumType EnumType<TEnum>() where TEnum : struct, System.Enum
    {
        if (_enums.TryGetValue(typeof(TEnum), out var existing)) return existing;
        var type = new EdmEnumType(Namespace, typeof(TEnum).Name);
        foreach (var member in System.Enum.GetValues<TEnum>())
        {
            type.AddMember(member.ToString(), new EdmEnumMemberValue(Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture)));
        }
        _model.AddElement(type);
        return _enums[typeof(TEnum)] = type;
    }

    private static EdmStructuralProperty Add<T>(TableMap map, string name, IEdmTypeReference type, string? column, Func<T, object?> get)
    {
        var property = ((EdmStructuredType)map.Type).AddStructuralProperty(name, type);
        if (column is not null) map.Columns[name] = column;
        map.Properties.Add(new PropertyMap(property, (value, _) => ODataValue(get((T)value))));
        return property;
    }

    private void Primitive<T>(TableMap map, string name, EdmPrimitiveTypeKind kind, bool nullable, string column, Func<T, object?> get, string? description = null)
    {
        var property = Add(map, name, EdmCoreModel.Instance.GetPrimitive(kind, nullable), column, get);
        if (description is not null) Describe(property, description);
    }

    /// <summary>A property that holds a code of a controlled vocabulary, annotated with the scheme of its <see cref="ConceptSet"/> concepts.</summary>
    private void Coded<T>(TableMap map, string name, EdmPrimitiveTypeKind kind, bool nullable, string column, Func<T, object?> get, string scheme, string description)
    {
        Primitive(map, name, kind, nullable, column, get, description);
        Annotate((IEdmVocabularyAnnotatable)map.Type.FindProperty(name), _conceptScheme, new EdmStringConstant(scheme));
    }

    private static void Decimal<T>(TableMap map, string name, bool nullable, string column, Func<T, object?> get) =>
        Add(map, name, EdmCoreModel.Instance.GetDecimal(9, 2, nullable), column, get);

    private void Key<T>(TableMap map, string name, EdmPrimitiveTypeKind kind, string column, Func<T, object?> get, string? description = null)
    {
        var property = Add(map, name, EdmCoreModel.Instance.GetPrimitive(kind, false), column, get);
        ((EdmEntityType)map.Type).AddKeys(property);
        if (description is not null) Describe(property, description);
    }

    private void Enum<T, TEnum>(TableMap map, string name, bool nullable, string column, Func<T, object?> get) where TEnum : struct, System.Enum =>
        Add(map, name, new EdmEnumTypeReference(EnumType<TEnum>(), nullable), column, get);

    /// <summary>The key of children that have no identity of their own: their position in the list, as stored in "ordinal".</summary>
    private void OrdinalKey(TableMap map, string description)
    {
        var property = ((EdmStructuredType)map.Type).AddStructuralProperty("Ordinal", EdmCoreModel.Instance.GetInt32(false));
        ((EdmEntityType)map.Type).AddKeys(property);
        map.Columns["Ordinal"] = "ordinal";
        map.Properties.Add(new PropertyMap(property, (_, position) => position));
        Describe(property, description);
    }

    private void Texts(TableMap map, string name, TableMap texts, string field, Func<LearningOpportunity, IReadOnlyList<LocalizedText>> get) =>
        ComplexCollection(map, name, new Relation(texts, "opportunity_id", "field", field), get);

    private static void ComplexCollection<T>(TableMap map, string name, Relation relation, Func<T, System.Collections.IEnumerable> get)
    {
        var type = new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference((IEdmComplexType)relation.Target.Type, false)));
        var property = ((EdmStructuredType)map.Type).AddStructuralProperty(name, type);
        map.Relations[name] = relation;
        map.Properties.Add(new PropertyMap(property, (value, _) => get((T)value), relation.Target));
    }

    private static void SingleComplex<T>(TableMap map, string name, TableMap complex, Func<T, object?> get)
    {
        var property = ((EdmStructuredType)map.Type).AddStructuralProperty(name, new EdmComplexTypeReference((IEdmComplexType)complex.Type, true));
        foreach (var (inner, column) in complex.Columns) map.Columns[$"{name}/{inner}"] = column;
        map.Properties.Add(new PropertyMap(property, (value, _) => get((T)value), complex));
    }

    /// <summary>A collection of codes stored under <paramref name="field"/>, of the concepts of <paramref name="scheme"/>.</summary>
    private void Codes(TableMap map, string name, TableMap codes, string field, Func<LearningOpportunity, IReadOnlyList<string>> get, string scheme)
    {
        var type = EdmCoreModel.GetCollection(EdmCoreModel.Instance.GetString(false));
        var property = ((EdmStructuredType)map.Type).AddStructuralProperty(name, type);
        map.Relations[name] = new Relation(codes, "opportunity_id", "scheme", field, ValueColumn: "code");
        map.Properties.Add(new PropertyMap(property, (value, _) => new ODataCollectionValue { Items = get((LearningOpportunity)value) }));
        Annotate(property, _conceptScheme, new EdmStringConstant(scheme));
    }

    private void Contained<T>(TableMap map, string name, Relation relation, bool collection, Func<T, object?> get, string? description = null)
    {
        var property = ((EdmEntityType)map.Type).AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
        {
            Name = name,
            Target = (IEdmEntityType)relation.Target.Type,
            TargetMultiplicity = collection ? EdmMultiplicity.Many : EdmMultiplicity.ZeroOrOne,
            ContainsTarget = true,
        });
        map.Relations[name] = relation;
        map.Properties.Add(new PropertyMap(property, (value, _) => get((T)value), relation.Target));
        if (description is not null) Describe(property, description);
    }

    private void Describe(IEdmVocabularyAnnotatable target, string description) =>
        Annotate(target, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(description));

    private void Annotate(IEdmVocabularyAnnotatable target, IEdmTerm term, IEdmExpression value)
    {
        _model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(target, term, value));
    }

    /// <summary>The functions and operators of $filter that <see cref="SqlTranslator"/> translates (FilterFunctions lists both).</summary>
    public static IReadOnlyList<string> FilterFunctions { get; } =
    [
        "eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not", "in", "has", "add", "sub", "mul", "div", "mod",
        "contains", "startswith", "endswith", "tolower", "toupper", "year", "month", "day", "date", "any", "all",
    ];

    /// <summary>The concepts are filtered and paged, in the order of scheme then code; nothing else.</summary>
    private void AnnotateConcepts(EdmEntitySet set)
    {
        Describe(set, "The concepts of the EU controlled vocabularies that coded properties (annotated with ConceptScheme) hold the codes of.");
        Annotate(set, Capability("SortRestrictions"), new EdmRecordExpression(new EdmPropertyConstructor("Sortable", new EdmBooleanConstant(false))));
        Annotate(set, Capability("SearchRestrictions"), new EdmRecordExpression(new EdmPropertyConstructor("Searchable", new EdmBooleanConstant(false))));
        Annotate(set, Capability("ChangeTracking"), new EdmRecordExpression(new EdmPropertyConstructor("Supported", new EdmBooleanConstant(false))));
    }

    private static IEdmTerm Capability(string name) =>
        CapabilitiesVocabularyModel.Instance.FindDeclaredTerm("Org.OData.Capabilities.V1." + name)
        ?? throw new InvalidOperationException($"The Capabilities vocabulary has no term {name}.");

    /// <summary>Capabilities a client can discover: what it may filter, sort, expand, page and track.</summary>
    private void Annotate(EdmEntitySet set, HarvestingOptions options)
    {
        static IEdmExpression Paths(IEnumerable<string> paths) => new EdmCollectionExpression(paths.Select(p => new EdmPropertyPathExpression(p)));
        var collections = OpportunityType.StructuralProperties().Where(p => p.Type.IsCollection()).Select(p => p.Name)
            .Concat(OpportunityType.NavigationProperties().Select(p => p.Name)).ToList();

        Describe(set, "The published learning opportunities. Anonymous callers see published entries only.");
        // FilterRestrictions/MaxLevels limits the depth of property paths, which the model alone bounds; the limit on the
        // size of a filter has no term of its own, so the description states it.
        Annotate(set, Capability("FilterRestrictions"), new EdmRecordExpression(
            new EdmPropertyConstructor("Filterable", new EdmBooleanConstant(true)),
            new EdmPropertyConstructor("Description", new EdmStringConstant(
                $"Comparison, logical, arithmetic, in, has, contains/startswith/endswith (case-insensitive), tolower, toupper, year, month, day, date, " +
                $"any/all over collections and null checks; at most {options.MaxFilterNodes} nodes."))));
        Annotate(set, Capability("FilterFunctions"), new EdmCollectionExpression(FilterFunctions.Select(f => new EdmStringConstant(f))));
        Annotate(set, Capability("SortRestrictions"), new EdmRecordExpression(
            new EdmPropertyConstructor("Sortable", new EdmBooleanConstant(true)),
            new EdmPropertyConstructor("NonSortableProperties", Paths(collections))));
        Annotate(set, Capability("ExpandRestrictions"), new EdmRecordExpression(
            new EdmPropertyConstructor("Expandable", new EdmBooleanConstant(true)),
            new EdmPropertyConstructor("MaxLevels", new EdmIntegerConstant(options.MaxExpansionDepth))));
        Annotate(set, Capability("SearchRestrictions"), new EdmRecordExpression(
            new EdmPropertyConstructor("Searchable", new EdmBooleanConstant(true))));
        Annotate(set, Capability("TopSupported"), new EdmBooleanConstant(true));
        Annotate(set, Capability("SkipSupported"), new EdmBooleanConstant(true));
        Annotate(set, Capability("CountRestrictions"), new EdmRecordExpression(
            new EdmPropertyConstructor("Countable", new EdmBooleanConstant(true))));
        Annotate(set, Capability("ChangeTracking"), new EdmRecordExpression(
            new EdmPropertyConstructor("Supported", new EdmBooleanConstant(true))));
        Annotate(set, Capability("SelectSupport"), new EdmRecordExpression(
            new EdmPropertyConstructor("Supported", new EdmBooleanConstant(true))));
    }
}
