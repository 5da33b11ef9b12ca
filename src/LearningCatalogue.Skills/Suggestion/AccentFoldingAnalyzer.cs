using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;

namespace LearningCatalogue.Skills.Suggestion;

/// <summary>
/// Wraps a language analyzer to fold accents after its own chain (its stemmer expects them), so that "gerer" finds
/// "gérer" and a reader without a French keyboard is served. Shared by the skill and the catalogue indexes.
/// </summary>
public sealed class AccentFoldingAnalyzer(Analyzer inner) : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
{
    protected override Analyzer GetWrappedAnalyzer(string fieldName) => inner;

    protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
        new(components.Tokenizer, new ASCIIFoldingFilter(components.TokenStream));

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
