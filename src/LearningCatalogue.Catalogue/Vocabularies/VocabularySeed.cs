using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LearningCatalogue.Catalogue.Vocabularies;

/// <summary>
/// The vocabulary terms shipped with the catalogue, generated from the Europass LOQ schemas by
/// src/tools/generate-vocabulary-seed.cs and embedded in this assembly.
/// </summary>
public static class VocabularySeed
{
    public static IReadOnlyList<VocabularyTerm> Load()
    {
        using var stream = typeof(VocabularySeed).Assembly.GetManifestResourceStream(
            "LearningCatalogue.Catalogue.Vocabularies.vocabularies.csv")
            ?? throw new InvalidOperationException("The vocabulary seed is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.ToLowerInvariant(),
        });
        return csv.GetRecords<VocabularyTerm>().ToList();
    }
}
