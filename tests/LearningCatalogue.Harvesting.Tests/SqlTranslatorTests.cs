using LearningCatalogue.Catalogue.Storage;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>
/// The translator's own whitelist, below the URI parser: a property the model does not map (here an EDM property of
/// the entity type that the model never declared, as a parser defect or a model change might let through) is refused
/// by name, never turned into a column or table name.
/// </summary>
public sealed class SqlTranslatorTests
{
    private static readonly HarvestModel Model = new(new HarvestingOptions());
    private static readonly IEdmEntityType Opportunity = (IEdmEntityType)Model.Model.FindDeclaredType("LearningCatalogue.LearningOpportunity");

    private static SqlTranslator Translator()
    {
        var dialect = SqlDialect.For(DatabaseProvider.Sqlite);
        return new SqlTranslator(dialect, new SqlParameters(dialect), 100, new SqlScope("o", Model.Opportunities));
    }

    /// <summary>A parsed $filter of the entity set.</summary>
    private static SingleValueNode Filter(string filter) => FilterTranslationTests.Parse("$filter=" + Uri.EscapeDataString(filter)).Filter.Expression;

    /// <summary>The $it a parsed property access starts from.</summary>
    private static ResourceRangeVariableReferenceNode It() =>
        (ResourceRangeVariableReferenceNode)((SingleValuePropertyAccessNode)FilterTranslationTests.Parse("$orderby=Key").OrderBy.Expression).Source;

    [Fact]
    public void A_property_outside_the_column_whitelist_is_refused_in_a_filter_and_an_ordering()
    {
        var unmapped = new SingleValuePropertyAccessNode(It(), new EdmStructuralProperty(Opportunity, "status", EdmCoreModel.Instance.GetString(false)));
        var filter = new BinaryOperatorNode(BinaryOperatorKind.Equal, unmapped, new ConstantNode("Draft"));
        var ordering = new OrderByClause(null, unmapped, OrderByDirection.Ascending, It().RangeVariable);

        var inFilter = Assert.Throws<HarvestQueryException>(() => Translator().Predicate(filter));
        var inOrdering = Assert.Throws<HarvestQueryException>(() => Translator().OrderBy(ordering));

        Assert.All(new[] { inFilter, inOrdering }, refused =>
        {
            Assert.Equal(400, refused.Status);
            Assert.Contains("status", refused.Message, StringComparison.Ordinal);
        });
        // The same shape over a mapped property translates: only the whitelist refuses it.
        Assert.Contains("entry_key", Translator().Predicate(Filter("Key eq 'x'")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_collection_outside_the_relation_whitelist_is_refused()
    {
        var any = (AnyNode)Filter("Languages/any(l: l eq 'FRA')");
        var collection = new EdmCollectionTypeReference(new EdmCollectionType(EdmCoreModel.Instance.GetString(false)));
        any.Source = new CollectionPropertyAccessNode(It(), new EdmStructuralProperty(Opportunity, "opportunity_secret", collection));

        var refused = Assert.Throws<HarvestQueryException>(() => Translator().Predicate(any));

        Assert.Equal(400, refused.Status);
        Assert.Contains("opportunity_secret", refused.Message, StringComparison.Ordinal);
    }
}
