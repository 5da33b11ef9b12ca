using LearningCatalogue.Cli;

return await CatalogueCommandLine.Build().Parse(args).InvokeAsync();
