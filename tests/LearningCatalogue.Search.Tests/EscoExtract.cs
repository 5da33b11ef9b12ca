using System.Globalization;
using CsvHelper;
using LearningCatalogue.Catalogue.Tests;

namespace LearningCatalogue.Search.Tests;

/// <summary>
/// A small ESCO package cut from the real one of ../shared, in its layout, in a temporary folder: a few skills with every
/// broader concept up to the pillar roots, their labels in the languages asked for, their collections. It imports in
/// a second where the whole of ESCO takes a minute.
/// </summary>
public sealed class EscoExtract : IDisposable
{
    // The column naming the concept a row is about, in each kind of file of the package.
    private static readonly string[] ConceptColumns = ["conceptUri", "originalSkillUri"];

    public EscoExtract(IReadOnlyCollection<string> skills, IReadOnlyCollection<string> languages)
    {
        var keep = skills.Concat(skills.SelectMany(EdxCorpus.Taxonomy.Ancestors)).ToHashSet(StringComparer.Ordinal);
        Folder = Directory.CreateTempSubdirectory("esco-extract-").FullName;
        foreach (var source in Directory.EnumerateFiles(SharedData.EscoFolder, "*.csv"))
        {
            var name = Path.GetFileNameWithoutExtension(source);
            // The hierarchy file is not read by the importer; label files of other languages are left out.
            if (name == "skillsHierarchy_en" || !languages.Contains(name[(name.LastIndexOf('_') + 1)..])) continue;
            using var reader = new CsvReader(new StreamReader(source), CultureInfo.InvariantCulture);
            using var writer = new CsvWriter(new StreamWriter(Path.Combine(Folder, Path.GetFileName(source))), CultureInfo.InvariantCulture);
            reader.Read();
            reader.ReadHeader();
            var header = reader.HeaderRecord!;
            var column = Array.FindIndex(header, h => ConceptColumns.Contains(h));
            foreach (var field in header) writer.WriteField(field);
            writer.NextRecord();
            while (reader.Read())
            {
                if (!keep.Contains(reader.GetField(column)!)) continue;
                for (var i = 0; i < header.Length; i++) writer.WriteField(reader.GetField(i));
                writer.NextRecord();
            }
        }
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
