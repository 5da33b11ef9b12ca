using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningCatalogue.Rdf;

/// <summary>
/// <see cref="ISparqlStore"/> over HTTP, using only the standard request forms:
/// queries as SPARQL 1.1 Protocol "query via URL-encoded POST" (Virtuoso 7.2 never answers the "query via POST
/// directly" form with <c>application/sparql-query</c>, openlink/virtuoso-opensource#842; every SPARQL 1.1 store
/// serves the URL-encoded form), updates as "update via POST directly" (<c>application/sparql-update</c>), and whole
/// graphs as Graph Store HTTP Protocol POST and DELETE with <c>?graph=</c> and <c>application/n-triples</c>.
/// The HTTP client's primary handler must carry the credentials: use <see cref="CreatePrimaryHandler"/>.
/// </summary>
public sealed class SparqlHttpStore : ISparqlStore
{
    private const string ResultsMediaType = "application/sparql-results+json";
    private const int StoreMessageLimit = 2000;

    private readonly HttpClient _http;
    private readonly RdfStoreOptions _options;
    private readonly ILogger<SparqlHttpStore> _logger;

    public SparqlHttpStore(HttpClient http, IOptions<RdfStoreOptions> options, ILogger<SparqlHttpStore> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        // The handler's own timeout would surface as a bare TaskCanceledException; ours becomes a SparqlException.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// The handler that signs in to the update and Graph Store endpoints. The store picks the scheme: Virtuoso asks
    /// for digest, Fuseki and GraphDB for basic; both are answered from the same credentials.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler(RdfStoreOptions options) => new()
    {
        Credentials = options.Username is null ? null : new NetworkCredential(options.Username, options.Password),
        PreAuthenticate = true,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public string GraphIri(string name) => _options.GraphIri(name);

    public async Task<SparqlResultSet> QueryAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.QueryEndpoint)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("query", query)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResultsMediaType));
        return await SendAsync(request, "query", async (response, token) =>
        {
            if (response.Headers.TryGetValues("X-SPARQL-MaxRows", out var maxRows))
            {
                // Virtuoso cuts a result at its ResultSetMaxRows and says so only in this header.
                throw new SparqlException(
                    $"The store cut the query's results at {string.Join(",", maxRows)} rows; page the query with LIMIT and OFFSET.",
                    _options.QueryEndpoint, response.StatusCode);
            }
            var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            try
            {
                return SparqlJsonResults.Parse(body);
            }
            catch (Exception exception) when (exception is JsonException or FormatException)
            {
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, StoreMessageLimit));
                throw new SparqlException(
                    $"The store's answer to a query at {_options.QueryEndpoint} is not a SPARQL JSON result ({exception.Message}). Only SELECT and ASK are supported.",
                    _options.QueryEndpoint, response.StatusCode, text, exception);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(string update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(update);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.UpdateEndpoint)
        {
            Content = new StringContent(update, Encoding.UTF8, "application/sparql-update"),
        };
        await SendAsync(request, "update", (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    public async Task AddToGraphAsync(string graphIri, string nTriples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nTriples);
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphUri(graphIri))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(nTriples)),
        };
        // N-Triples is UTF-8 by definition; a charset parameter would only give stores something to trip over.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(NTriplesBuilder.MediaType);
        // The store answers the credential challenge before the body travels, instead of after megabytes of it.
        request.Headers.ExpectContinue = true;
        await SendAsync(request, "graph store POST", (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    public async Task DropGraphAsync(string graphIri, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, GraphUri(graphIri));
        await SendAsync(request, "graph store DELETE", (_, _) => Task.FromResult(true), cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    private Uri GraphUri(string graphIri)
    {
        RdfSyntax.ValidateIri(graphIri, nameof(graphIri), httpOnly: true);
        var endpoint = _options.GraphStoreEndpoint.AbsoluteUri;
        var separator = endpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{endpoint}{separator}graph={Uri.EscapeDataString(graphIri)}");
    }

    private async Task<T> SendAsync<T>(
        HttpRequestMessage request,
        string operation,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        HttpStatusCode? alsoAccepted = null)
    {
        var endpoint = request.RequestUri!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && response.StatusCode != alsoAccepted)
            {
                var message = await ReadStoreMessageAsync(response, timeout.Token).ConfigureAwait(false);
                var summary = message.Length == 0 ? "" : ": " + message;
                throw new SparqlException(
                    $"SPARQL {operation} at {endpoint} failed with {(int)response.StatusCode} {response.ReasonPhrase}{summary}",
                    endpoint, response.StatusCode, message);
            }
            var result = await read(response, timeout.Token).ConfigureAwait(false);
            _logger.LogDebug("SPARQL {Operation} at {Endpoint}: {Status} in {Elapsed} ms", operation, endpoint, (int)response.StatusCode, stopwatch.ElapsedMilliseconds);
            return result;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SparqlException($"SPARQL {operation} at {endpoint} got no answer within {_options.RequestTimeout}.", endpoint, innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new SparqlException($"SPARQL {operation} at {endpoint} could not reach the store: {exception.Message}", endpoint, exception.StatusCode, innerException: exception);
        }
    }

    private static async Task<string> ReadStoreMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // Virtuoso repeats the whole request after its message; the first lines say what went wrong.
        body = body.Trim();
        return body.Length <= StoreMessageLimit ? body : string.Concat(body.AsSpan(0, StoreMessageLimit), "…");
    }
}
