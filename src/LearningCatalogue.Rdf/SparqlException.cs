using System.Net;

namespace LearningCatalogue.Rdf;

/// <summary>The store refused a request, answered something that is not a SPARQL result, or could not be reached.</summary>
public sealed class SparqlException : Exception
{
    public SparqlException(string message, Uri endpoint, HttpStatusCode? statusCode = null, string? storeMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        StoreMessage = storeMessage;
    }

    public Uri Endpoint { get; }

    /// <summary>The HTTP status the store answered with; null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The store's own explanation (the response body), shortened.</summary>
    public string? StoreMessage { get; }
}
