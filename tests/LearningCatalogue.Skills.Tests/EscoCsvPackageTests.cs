using LearningCatalogue.Catalogue.Tests;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;

namespace LearningCatalogue.Skills.Tests;

public sealed class EscoCsvPackageTests
{
    [Fact]
    public void Reads_labels_per_language_from_every_label_file_present()
    {
        using var tiny = new TinyPackage();
        var package = EscoCsvPackage.Read(tiny.Folder);

        Assert.Equal(["en", "de", "fr"], package.Languages);
        Assert.Equal(3, package.SkillCount);
        Assert.Equal(3, package.GroupCount);
        var plain = package.Concepts.Single(c => c.Uri == TinyPackage.Plain);
        Assert.Equal(
            [new LocalizedText("en", "plain skill"), new LocalizedText("de", "einfache Fähigkeit"), new LocalizedText("fr", "compétence simple")],
            plain.PreferredLabels);
        Assert.Equal([new LocalizedText("fr", "simple"), new LocalizedText("fr", "compétence")], plain.AlternativeLabels);
        Assert.Equal("cross-sector", plain.ReuseLevel);
        Assert.Equal([TinyPackage.Tricky], plain.Broader);
        Assert.Equal([EscoCollection.Digital], plain.Collections);
    }

    [Fact]
    public void Splits_multi_line_cells_and_keeps_quotes_and_line_breaks_of_descriptions()
    {
        using var tiny = new TinyPackage();
        var tricky = EscoCsvPackage.Read(tiny.Folder).Concepts.Single(c => c.Uri == TinyPackage.Tricky);

        Assert.Equal(TinyPackage.TrickyLabel, tricky.PreferredLabels.Single(l => l.Language == "en").Value);
        Assert.Equal(["first alt", "second alt"], tricky.AlternativeLabels.Select(l => l.Value));
        Assert.Equal("Line one.\nLine two with \"quotes\".", tricky.Descriptions.Single().Value);
        Assert.Equal([EscoCollection.Transversal], tricky.Collections);
    }

    [Fact]
    public void Reads_groups_with_schemes_and_codes_and_deduplicates_relations()
    {
        using var tiny = new TinyPackage();
        var package = EscoCsvPackage.Read(tiny.Folder);

        var root = package.Concepts.Single(c => c.Uri == TinyPackage.Root);
        Assert.Equal(EscoConceptType.SkillGroup, root.ConceptType);
        Assert.Null(root.SkillType);
        Assert.Equal(["http://data.europa.eu/esco/concept-scheme/skills", "http://data.europa.eu/esco/concept-scheme/skills-hierarchy"],
            package.Extras[TinyPackage.Root].InSchemes);
        Assert.Equal("S", package.Extras[TinyPackage.Root].Notation);
        Assert.Equal(2, package.Relations.Count);
        Assert.Contains(new EscoSkillRelation(TinyPackage.Plain, "essential", TinyPackage.Knowledge), package.Relations);
    }

    [Theory]
    [InlineData("skills_en.csv")]
    [InlineData("skillGroups_en.csv")]
    [InlineData("broaderRelationsSkillPillar_en.csv")]
    [InlineData("skillSkillRelations_en.csv")]
    [InlineData("greenSkillsCollection_en.csv")]
    public void A_missing_required_file_is_named(string file)
    {
        using var tiny = new TinyPackage();
        tiny.Delete(file);

        var error = Assert.Throws<EscoPackageException>(() => EscoCsvPackage.Read(tiny.Folder));
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var folder = Path.Combine(Path.GetTempPath(), "no-esco-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<EscoPackageException>(() => EscoCsvPackage.Read(folder));
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void Reads_the_official_package()
    {
        var package = EscoCsvPackage.Read(SharedData.EscoFolder);

        Assert.Equal(13_485, package.SkillCount);
        Assert.Equal(640, package.GroupCount);
        Assert.Equal(["en", "es", "fr"], package.Languages);
        Assert.All(package.Concepts.Where(c => c.ConceptType == EscoConceptType.Skill),
            c => Assert.Equal(["en", "es", "fr"], c.PreferredLabels.Select(l => l.Language).Order()));
        Assert.Equal(5_784, package.Relations.Count);
        Assert.Equal(1_088, package.Concepts.Count(c => c.Collections.Contains(EscoCollection.Digital)));
        Assert.Equal(417, package.Concepts.Count(c => c.Collections.Contains(EscoCollection.Green)));
        Assert.Equal(37, package.Concepts.Count(c => c.Collections.Contains(EscoCollection.Transversal)));
        Assert.Equal(354, package.Concepts.Count(c => c.Collections.Contains(EscoCollection.Language)));
        Assert.Equal(19_639, package.Concepts.Sum(c => c.Broader.Count));

        // "manage musical staff": seven English alternative labels in one multi-line cell.
        var musical = package.Concepts.Single(c => c.Uri == "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab");
        Assert.Equal("gérer le personnel musical", musical.PreferredLabels.Single(l => l.Language == "fr").Value);
        Assert.Contains(new LocalizedText("en", "coordinate duties of musical staff"), musical.AlternativeLabels);
        Assert.Equal(6, musical.AlternativeLabels.Count(l => l.Language == "en"));
    }
}
