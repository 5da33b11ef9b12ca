namespace LearningCatalogue.Harvesting;

/// <summary>A request the harvesting API refuses, answered as an OData error with this status and code.</summary>
internal sealed class HarvestQueryException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static HarvestQueryException NotSupported(string what) => new(400, "NotSupported", $"{what} is not supported.");

    public static HarvestQueryException Limit(string message) => new(400, "LimitExceeded", message);

    public static HarvestQueryException BadRequest(string message) => new(400, "BadRequest", message);
}
