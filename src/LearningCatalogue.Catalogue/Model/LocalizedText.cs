namespace LearningCatalogue.Catalogue.Model;

/// <summary>A text in one language. <see cref="Language"/> is a BCP 47 tag ("en", "fr", "pt-BR"), as RDF literals carry.</summary>
public sealed record LocalizedText(string Language, string Value);
