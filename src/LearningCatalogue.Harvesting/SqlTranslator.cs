using Dapper;
using LearningCatalogue.Catalogue.Storage;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace LearningCatalogue.Harvesting;

/// <summary>The parameters of one statement: every value a client sent becomes one of these, never SQL text.</summary>
internal sealed class SqlParameters(SqlDialect dialect)
{
    private int _count;

    public DynamicParameters Values { get; } = new();

    public string Add(object? value)
    {
        var name = "@p" + _count++;
        Values.Add(name, dialect.Parameter(value));
        return name;
    }
}

/// <summary>A rows of a table in scope of an expression: the query's root, or the range variable of an any/all lambda.</summary>
internal sealed record SqlScope(string Alias, TableMap Map, string? ValueColumn = null);

/// <summary>One sort key of $orderby as SQL, with what keyset paging needs to know of it.</summary>
internal sealed record OrderKey(string Sql, bool Descending, IEdmTypeReference Type)
{
    public bool Nullable => Type.IsNullable;
}

/// <summary>
/// Translates the semantic tree of $filter and $orderby into SQL for one dialect. Columns and tables come only from
/// the <see cref="TableMap"/> whitelist, values only as parameters; any node it does not know is refused with the name
/// of what is not supported. Predicates are two-valued: a comparison with a null operand is false (as in OData), never
/// unknown, so that "not" and "all" keep their meaning.
/// </summary>
internal sealed class SqlTranslator(SqlDialect dialect, SqlParameters parameters, int maxNodes, SqlScope root)
{
    private readonly Dictionary<string, SqlScope> _scopes = new(StringComparer.Ordinal) { ["$it"] = root };
    private int _nodes;
    private int _aliases;

    public string Predicate(SingleValueNode node)
    {
        Count();
        return node switch
        {
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } b =>
                $"({Predicate(b.Left)} {(b.OperatorKind == BinaryOperatorKind.And ? "AND" : "OR")} {Predicate(b.Right)})",
            BinaryOperatorNode b when IsComparison(b.OperatorKind) => Comparison(b),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } u => $"NOT ({Predicate(u.Operand)})",
            InNode i => In(i),
            AnyNode a => $"EXISTS ({Rows("1", a.Source, a.CurrentRangeVariable, () => Predicate(a.Body))})",
            AllNode a => $"NOT EXISTS ({Rows("1", a.Source, a.CurrentRangeVariable, () => $"NOT ({Predicate(a.Body)})")})",
            SingleValueFunctionCallNode { Name: "contains" or "startswith" or "endswith" } f => Like(f),
            ConstantNode { Value: bool value } => value ? "1 = 1" : "1 = 0",
            ConvertNode c => Predicate(c.Source),
            _ when node.TypeReference?.IsBoolean() == true => IsTrue(node),
            _ => throw HarvestQueryException.NotSupported($"A {node.Kind} node as a condition"),
        };
    }

    private string IsTrue(SingleValueNode node)
    {
        var value = Value(node);
        return Guarded(node, value, $"{value} = 1");
    }

    public string Value(SingleValueNode node)
    {
        Count();
        return node switch
        {
            ConstantNode { Value: null } => "NULL",
            ConstantNode c => parameters.Add(ParameterValue(c.Value, c.TypeReference)),
            ConvertNode c => Value(c.Source),
            SingleValuePropertyAccessNode p => Column(p),
            NonResourceRangeVariableReferenceNode r => $"{Scope(r.Name).Alias}.{Scope(r.Name).ValueColumn}",
            SingleValueFunctionCallNode f => Function(f),
            BinaryOperatorNode b when Arithmetic(b.OperatorKind) is { } op => b.OperatorKind == BinaryOperatorKind.Divide
                // Division by zero is null (so the comparison is false) instead of an error in SQL Server.
                ? $"({Value(b.Left)} / NULLIF({Value(b.Right)}, 0))"
                : $"({Value(b.Left)} {op} {Value(b.Right)})",
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Negate } u => $"(-{Value(u.Operand)})",
            CountNode c => $"({Rows("COUNT(*)", c.Source, null, null)})",
            _ => throw HarvestQueryException.NotSupported($"A {node.Kind} node as a value"),
        };
    }

    public IReadOnlyList<OrderKey> OrderBy(OrderByClause? clause)
    {
        var keys = new List<OrderKey>();
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var type = item.Expression.TypeReference;
            if (type is null || !type.IsPrimitive()) throw HarvestQueryException.NotSupported($"Ordering by a {item.Expression.Kind} that is not a primitive value");
            keys.Add(new OrderKey(Value(item.Expression), item.Direction == OrderByDirection.Descending, type));
        }
        return keys;
    }

    private void Count()
    {
        if (++_nodes > maxNodes) throw HarvestQueryException.Limit($"The query has more than {maxNodes} nodes; simplify $filter or $orderby.");
    }

    private SqlScope Scope(string name) =>
        _scopes.TryGetValue(name, out var scope) ? scope : throw HarvestQueryException.NotSupported($"The range variable {name}");

    private static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual
        or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan
        or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Has;

    private static string? Arithmetic(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Modulo => "%",
        _ => null,
    };

    private static SingleValueNode Unconverted(SingleValueNode node) => node is ConvertNode c ? Unconverted(c.Source) : node;

    private static bool IsNullConstant(SingleValueNode node) => Unconverted(node) is ConstantNode { Value: null };

    /// <summary>Operands that may be null at run time: nullable properties and expressions over them, never literals.</summary>
    private static bool MayBeNull(SingleValueNode node) => Unconverted(node) is not ConstantNode && node.TypeReference?.IsNullable != false;

    private static string Guarded(SingleValueNode node, string sql, string condition) =>
        MayBeNull(node) ? $"({condition} AND {sql} IS NOT NULL)" : condition;

    private string Comparison(BinaryOperatorNode b)
    {
        var (left, right) = (b.Left, b.Right);
        if (b.OperatorKind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual && (IsNullConstant(left) || IsNullConstant(right)))
        {
            var negate = b.OperatorKind == BinaryOperatorKind.NotEqual ? "NOT " : "";
            if (IsNullConstant(left) && IsNullConstant(right)) return negate.Length == 0 ? "1 = 1" : "1 = 0";
            return $"{Value(IsNullConstant(left) ? right : left)} IS {negate}NULL";
        }
        var isEnum = Unconverted(left).TypeReference?.IsEnum() == true || Unconverted(right).TypeReference?.IsEnum() == true;
        if (isEnum && b.OperatorKind is not (BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual or BinaryOperatorKind.Has))
        {
            throw HarvestQueryException.NotSupported($"The {b.OperatorKind} comparison of enumeration members");
        }

        // The enumerations are not flags: a value has a member when it is that member.
        var (l, r) = (Value(left), Value(right));
        string equal;
        if (MayBeNull(left) && MayBeNull(right)) equal = dialect.NullSafeEquals(l, r);
        else equal = Guarded(right, r, Guarded(left, l, $"{l} = {r}"));
        return b.OperatorKind switch
        {
            BinaryOperatorKind.Equal or BinaryOperatorKind.Has => equal,
            BinaryOperatorKind.NotEqual => $"NOT ({equal})",
            _ => Guarded(right, r, Guarded(left, l, $"{l} {Operator(b.OperatorKind)} {r}")),
        };
    }

    private static string Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.LessThan => "<",
        _ => "<=",
    };

    private string In(InNode node)
    {
        if (node.Right is not CollectionConstantNode list) throw HarvestQueryException.NotSupported("An 'in' over anything but a list of literals");
        var left = Value(node.Left);
        var values = list.Collection.Where(c => c.Value is not null).Select(c => parameters.Add(ParameterValue(c.Value, c.TypeReference))).ToList();
        var condition = values.Count == 0 ? "1 = 0" : Guarded(node.Left, left, $"{left} IN ({string.Join(", ", values)})");
        return list.Collection.Any(c => c.Value is null) ? $"({condition} OR {left} IS NULL)" : condition;
    }

    private string Like(SingleValueFunctionCallNode function)
    {
        var arguments = function.Parameters.Cast<SingleValueNode>().ToList();
        if (Unconverted(arguments[1]) is not ConstantNode { Value: string text })
        {
            throw HarvestQueryException.NotSupported($"{function.Name} with a second argument that is not a string literal");
        }
        var literal = dialect.LikeLiteral(text);
        var pattern = function.Name switch
        {
            "contains" => $"%{literal}%",
            "startswith" => $"{literal}%",
            _ => $"%{literal}",
        };
        var subject = Value(arguments[0]);
        return Guarded(arguments[0], subject, dialect.Like(subject, parameters.Add(pattern)));
    }

    private string Function(SingleValueFunctionCallNode function)
    {
        var arguments = function.Parameters.Cast<SingleValueNode>().ToList();
        if (arguments.Count != 1) throw HarvestQueryException.NotSupported($"The function {function.Name} with {arguments.Count} arguments");
        var argument = Value(arguments[0]);
        return function.Name switch
        {
            "tolower" => $"LOWER({argument})",
            "toupper" => $"UPPER({argument})",
            "year" => dialect.DatePart(DatePart.Year, argument),
            "month" => dialect.DatePart(DatePart.Month, argument),
            "day" => dialect.DatePart(DatePart.Day, argument),
            "date" when arguments[0].TypeReference?.IsDate() == true => argument,
            "date" => dialect.DateOf(argument),
            _ => throw HarvestQueryException.NotSupported($"The function {function.Name}"),
        };
    }

    private string Column(SingleValuePropertyAccessNode node)
    {
        var name = node.Property.Name;
        switch (node.Source)
        {
            case ResourceRangeVariableReferenceNode r:
                return $"{Scope(r.Name).Alias}.{ColumnOf(Scope(r.Name).Map, name)}";
            case SingleComplexNode { Source: ResourceRangeVariableReferenceNode r } complex:
                return $"{Scope(r.Name).Alias}.{ColumnOf(Scope(r.Name).Map, $"{complex.Property.Name}/{name}")}";
            case SingleNavigationNode { Source: ResourceRangeVariableReferenceNode r } navigation:
                var (relation, parent) = RelationOf(Scope(r.Name), navigation.NavigationProperty.Name);
                var alias = "n" + _aliases++;
                return $"(SELECT {alias}.{ColumnOf(relation.Target, name)} {From(relation, parent, alias)})";
            default:
                throw HarvestQueryException.NotSupported($"The property {name} reached through a {node.Source.Kind}");
        }
    }

    private static string ColumnOf(TableMap map, string property) =>
        map.Columns.TryGetValue(property, out var column) ? column : throw HarvestQueryException.NotSupported($"The property {property} in a query");

    private static (Relation Relation, SqlScope Parent) RelationOf(SqlScope parent, string property) =>
        parent.Map.Relations.TryGetValue(property, out var relation)
            ? (relation, parent)
            : throw HarvestQueryException.NotSupported($"The property {property} in a query");

    private string From(Relation relation, SqlScope parent, string alias)
    {
        var from = $"FROM {relation.Target.Table} {alias} WHERE {alias}.{relation.ForeignKey} = {parent.Alias}.{parent.Map.KeyColumn}";
        return relation.Discriminator is null ? from : $"{from} AND {alias}.{relation.Discriminator} = {parameters.Add(relation.DiscriminatorValue)}";
    }

    /// <summary>
    /// "SELECT what FROM the rows of a collection WHERE they belong to their parent [AND condition]", with the lambda's
    /// range variable in scope while the condition is translated.
    /// </summary>
    private string Rows(string what, CollectionNode source, RangeVariable? variable, Func<string>? condition)
    {
        var (relation, parent) = source switch
        {
            CollectionNavigationNode { Source: ResourceRangeVariableReferenceNode r } n => RelationOf(Scope(r.Name), n.NavigationProperty.Name),
            CollectionComplexNode { Source: ResourceRangeVariableReferenceNode r } c => RelationOf(Scope(r.Name), c.Property.Name),
            CollectionPropertyAccessNode { Source: ResourceRangeVariableReferenceNode r } p => RelationOf(Scope(r.Name), p.Property.Name),
            _ => throw HarvestQueryException.NotSupported($"A collection given by a {source.Kind}"),
        };
        var alias = "c" + _aliases++;
        var rows = $"SELECT {what} {From(relation, parent, alias)}";
        if (condition is null) return rows;

        var name = variable?.Name ?? "";
        var outer = _scopes.GetValueOrDefault(name);
        _scopes[name] = new SqlScope(alias, relation.Target, relation.ValueColumn);
        try
        {
            return $"{rows} AND {condition()}";
        }
        finally
        {
            if (outer is null) _scopes.Remove(name);
            else _scopes[name] = outer;
        }
    }

    /// <summary>A literal as the parameter value the stored column compares with.</summary>
    internal static object? ParameterValue(object? value, IEdmTypeReference? type) => value switch
    {
        ODataEnumValue member => EnumMemberName(member, type),
#pragma warning disable CS0618 // ODL 8's URI parser still gives Edm.Date literals as Microsoft.OData.Edm.Date.
        Date date => new DateOnly(date.Year, date.Month, date.Day),
#pragma warning restore CS0618
        DateOnly date => date,
        DateTimeOffset timestamp => timestamp.ToUniversalTime(),
        string or bool or int or long or short or byte or decimal or double or float or Guid or null => value,
        _ => throw HarvestQueryException.NotSupported($"A literal of type {type?.FullName() ?? value.GetType().Name}"),
    };

    // Enumerations are stored by member name; a literal may give the member by name or by value.
    private static string EnumMemberName(ODataEnumValue member, IEdmTypeReference? type)
    {
        if (type?.Definition is not IEdmEnumType enumType) return member.Value;
        var found = enumType.Members.FirstOrDefault(m => m.Name == member.Value)
            ?? (long.TryParse(member.Value, out var number) ? enumType.Members.FirstOrDefault(m => m.Value.Value == number) : null);
        return found?.Name ?? throw HarvestQueryException.BadRequest($"'{member.Value}' is not a member of {enumType.FullName()}.");
    }
}
