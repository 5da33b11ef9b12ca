using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LearningCatalogue.Catalogue.Exchange;

/// <summary>The JSON form of the model, shared by the API and the export: camelCase, enums by name, nulls refused where the model refuses them.</summary>
public static class CatalogueJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the catalogue's JSON conventions to options the host owns (ASP.NET Core's, for example).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RefuseNullElements);
        return options;
    }

    /// <summary>
    /// <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> refuses a null property but not a null element
    /// of a list (["ENG", null], "providers": [null]), which would then fail validation with a NullReferenceException
    /// or the database with a NOT NULL violation. A list whose elements the model declares non-nullable refuses them too.
    /// </summary>
    private static void RefuseNullElements(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is not { } set || property.AttributeProvider is not PropertyInfo info) continue;
            if (!typeof(IEnumerable).IsAssignableFrom(info.PropertyType) || info.PropertyType == typeof(string)) continue;
            if (new NullabilityInfoContext().Create(info) is not { GenericTypeArguments: [{ ReadState: NullabilityState.NotNull }] }) continue;
            var name = property.Name;
            property.Set = (target, value) =>
            {
                if (value is IEnumerable items && items.Cast<object?>().Any(item => item is null))
                {
                    throw new JsonException($"The list '{name}' holds a null element.");
                }
                set(target, value);
            };
        }
    }
}
