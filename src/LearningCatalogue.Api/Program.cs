using LearningCatalogue.Api;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Storage;
using LearningCatalogue.Search;
using LearningCatalogue.Harvesting;
using LearningCatalogue.Rdf;
using LearningCatalogue.Skills;

var builder = WebApplication.CreateBuilder(args);

var configuration = builder.Configuration;
var dataFolder = configuration[$"{CatalogueOptions.Section}:{nameof(CatalogueOptions.DataFolder)}"] ?? "data";
var indexFolder = configuration[$"{SearchOptions.Section}:{nameof(SearchOptions.IndexFolder)}"] ?? "indexes";

builder.Services.AddCatalogue(configuration);
// Hosted services start in this order: Virtuoso, then ESCO (imported when the store has none), then search.
builder.Services.AddSparqlStore(configuration);
builder.Services.AddManagedVirtuoso(configuration, dataFolder);
builder.Services.AddSkills(configuration, indexFolder);
builder.Services.AddSkillsStartup();
builder.Services.AddCatalogueGraphSync();
builder.Services.AddSingleton<IEscoTaxonomySource, EscoStoreTaxonomySource>();
builder.Services.AddCatalogueSearch(configuration);
builder.Services.ConfigureHttpJsonOptions(options => CatalogueJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails();
// One structured event per request (method, path, status, duration); bodies and headers stay out of the log.
builder.Services.AddHttpLogging(options =>
{
    options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
    options.CombineLogs = true;
});
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<RdfHealthCheck>("rdf");
builder.Services.AddHarvesting(builder.Configuration);

var app = builder.Build();

// The schema is brought up to date before the first request is served.
app.Services.GetRequiredService<CatalogueDatabase>().Migrate();

app.UseHttpLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
app.MapLearningOpportunities();
app.MapVocabularies();
app.MapSkills();
app.MapSearch();
app.MapHarvesting();

app.Run();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
