// Generates src/LearningCatalogue.Catalogue/Vocabularies/vocabularies.csv from the controlled-vocabulary
// schemas of the Europass LOQ XML Schema (the enumerations of ../shared/elm/loq-xsd/cv/*.xsd).
// The codes, URIs and English labels are facts of the EU authority tables; the XSD files stay in shared/.
//
//   dotnet run src/tools/generate-vocabulary-seed.cs -- [cv-folder] [output.csv]
using System.Text;
using System.Xml.Linq;

var root = FindRepositoryRoot();
var cvFolder = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "elm", "loq-xsd", "cv");
var output = args.Length > 1 ? args[1] : Path.Combine(root, "src", "LearningCatalogue.Catalogue", "Vocabularies", "vocabularies.csv");

// The schemas the catalogue model uses. The scheme name is the path segment before the code in each URI.
string[] files =
[
    "eqf.xsd", "isced-f.xsd", "language.xsd", "country.xsd", "currency.xsd",
    "europass-learning-setting-types.xsd", "europass-modes.xsd", "europass-learning-assessment-types.xsd",
    "europass-learning-schedule-types.xsd", "europass-target-groups.xsd", "europass-learning-opportunity-types.xsd",
    "credit-points.xsd", "europass-credential-types.xsd",
];

XNamespace xs = "http://www.w3.org/2001/XMLSchema";
var rows = new SortedDictionary<(string Scheme, string Code), (string Uri, string Label)>();
foreach (var file in files)
{
    var document = XDocument.Load(Path.Combine(cvFolder, file));
    foreach (var enumeration in document.Descendants(xs + "enumeration"))
    {
        var uri = (string)enumeration.Attribute("value")!;
        var segments = new Uri(uri).Segments;
        var scheme = segments[^2].TrimEnd('/');
        var code = segments[^1];
        var label = string.Join(' ', ((string?)enumeration.Descendants(xs + "documentation").FirstOrDefault() ?? "")
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        rows[(scheme, code)] = (uri, label);
    }
}

var csv = new StringBuilder("scheme,code,uri,label\n");
foreach (var ((scheme, code), (uri, label)) in rows)
{
    csv.Append(scheme).Append(',').Append(code).Append(',').Append(uri).Append(',').Append(Quote(label)).Append('\n');
}
File.WriteAllText(output, csv.ToString(), new UTF8Encoding(false));
Console.WriteLine($"{rows.Count} terms written to {output}");

static string Quote(string value) =>
    value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LearningCatalogue.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("Run this from inside the repository.");
}
