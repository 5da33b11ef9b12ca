namespace LearningCatalogue.Catalogue.Validation;

/// <summary>
/// Errors keyed by the JSON path of the offending field ("title", "learningOutcomes[2].skillLinks[0].skillUri"),
/// the shape RFC 9457 validation problem details carry.
/// </summary>
public sealed class ValidationResult
{
    private readonly SortedDictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
    }

    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}

/// <summary>Thrown when a write is refused because an entry is not valid; nothing has been stored.</summary>
public sealed class CatalogueValidationException(ValidationResult result, int? entryIndex = null)
    : Exception((entryIndex is { } index ? $"Entry {index + 1} is not valid: " : "The learning opportunity is not valid: ") + result)
{
    public ValidationResult Result { get; } = result;

    /// <summary>Which entry of a batch was refused (0-based), when the write was a batch.</summary>
    public int? EntryIndex { get; } = entryIndex;
}
