using LearningCatalogue.Api;
using LearningCatalogue.Catalogue;
using LearningCatalogue.Catalogue.Exchange;
using LearningCatalogue.Catalogue.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCatalogue(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(options => CatalogueJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

// The schema is brought up to date before the first request is served.
app.Services.GetRequiredService<CatalogueDatabase>().Migrate();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapLearningOpportunities();
app.MapVocabularies();

app.Run();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
