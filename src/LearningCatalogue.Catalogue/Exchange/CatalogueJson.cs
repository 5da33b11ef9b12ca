using System.Text.Json;
using System.Text.Json.Serialization;

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
        return options;
    }
}
