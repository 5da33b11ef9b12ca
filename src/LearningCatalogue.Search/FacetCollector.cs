using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace LearningCatalogue.Search;

/// <summary>
/// Counts, over the documents a search matches, the values of some facets, read from their sorted-set doc values:
/// per segment by ordinal, then by value (ordinals are per segment).
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> facets) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts =
        facets.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal));
    private readonly SortedSetDocValues?[] _values = new SortedSetDocValues?[facets.Count];
    private readonly int[][] _ordinalCounts = new int[facets.Count][];

    public bool AcceptsDocsOutOfOrder => true;

    /// <summary>Count per value, per facet.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Counts
    {
        get
        {
            Flush();
            return _counts;
        }
    }

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < facets.Count; i++)
        {
            var values = context.AtomicReader.GetSortedSetDocValues(SearchFields.Facet(facets[i]));
            _values[i] = values;
            _ordinalCounts[i] = values is null ? [] : new int[values.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            values.SetDocument(doc);
            for (var ordinal = values.NextOrd(); ordinal != SortedSetDocValues.NO_MORE_ORDS; ordinal = values.NextOrd())
            {
                _ordinalCounts[i][ordinal]++;
            }
        }
    }

    /// <summary>Turns the segment's ordinal counts into value counts.</summary>
    private void Flush()
    {
        var scratch = new BytesRef();
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _counts[facets[i]];
            for (var ordinal = 0; ordinal < _ordinalCounts[i].Length; ordinal++)
            {
                if (_ordinalCounts[i][ordinal] == 0) continue;
                values.LookupOrd(ordinal, scratch);
                var value = scratch.Utf8ToString();
                counts[value] = counts.GetValueOrDefault(value) + _ordinalCounts[i][ordinal];
            }
            _values[i] = null;
        }
    }
}
