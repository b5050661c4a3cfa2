using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using CareerGraph.Api.Documents;
using CareerGraph.Api.Http;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Caching;

/// <summary>
/// Serialised answers to queries, keyed by document, operation name, variables and the <see cref="GraphVersion"/>
/// they were computed at, so that a query asked again before the graph changes costs a look-up. Only what every
/// caller would get is kept: queries without errors from callers who sent no credential (a credential can change
/// what is visible); never mutations or subscriptions. GET answers carry an ETag, so a client that has the answer
/// gets 304 Not Modified. The answers kept are bounded by the memory they take (<see cref="ResponseCacheOptions.MaxBytes"/>).
/// </summary>
internal sealed class ResponseCache(ResponseCacheOptions options, DocumentOptions documents, GraphVersion version, IGraphQLTextSerializer serializer, IMeterFactory meters) : IDisposable
{
    /// <summary>Ask again each time, then use what you have if it has not changed (RFC 9111 §5.2.2.4).</summary>
    private const string Revalidate = "no-cache";

    /// <summary>What an entry costs besides its JSON and its key's characters: the entry, the answer and their headers.</summary>
    private const int EntryOverhead = 256;

    // Full, it drops a quarter of its answers (the expired first, then the least recently used) in the background; an
    // answer that comes meanwhile is served and not kept. None when the cache is off.
    private readonly MemoryCache? _answers = options.Enabled
        ? Measured(new(new MemoryCacheOptions { SizeLimit = options.MaxBytes, CompactionPercentage = 0.25, TrackStatistics = true }), meters)
        : null;

    // An answer of an older version is never asked for again (the version is in its key): it waits for the next compaction or this.
    private readonly TimeSpan _keptFor = version.IsExact ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(Math.Max(options.SharedStoreSeconds, 0.001));

    private sealed class Answer(byte[] json)
    {
        public byte[] Json { get; } = json;

        // Weak: the same answer may travel compressed or not, which a strong validator would have to tell apart. Only GET
        // answers carry one, so it is computed the first time a GET asks.
        public EntityTagHeaderValue ETag => field ??= new($"\"{Convert.ToHexStringLower(SHA256.HashData(Json).AsSpan(0, 16))}\"", isWeak: true);
    }

    /// <summary>Answers one request: from the cache when the same query was answered at this version, else by executing it.</summary>
    public async Task ServeAsync(HttpContext http, string mediaType, GraphQLRequest request)
    {
        // Documents too long to keep parsed are not kept answered either.
        if (_answers is null || http.Request.CarriesCredential() || request.Query is not { } query || query.Length > documents.MaxCachedLength)
        {
            await WriteResultAsync(http, mediaType, await GraphQLExecution.ExecuteAsync(http, request));
            return;
        }

        var at = version.Current;
        var key = KeyOf(at, request);
        var answer = _answers.Get<Answer>(key);
        if (answer is null)
        {
            var result = await GraphQLExecution.ExecuteAsync(http, request);
            if (!IsShared(result))
            {
                await WriteResultAsync(http, mediaType, result);
                return;
            }
            answer = await SerialiseAsync(result, http.RequestAborted);
            // A write landed while it ran: the answer may mix both states, so it is served this once and not kept.
            if (answer.Json.Length <= options.MaxAnswerBytes && version.Current == at)
                _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Json.Length + 2L * key.Length + EntryOverhead, AbsoluteExpirationRelativeToNow = _keptFor });
        }
        await WriteAsync(http, mediaType, answer);
    }

    /// <summary>How many answers are kept (for tests and diagnostics).</summary>
    public int Count => _answers?.Count ?? 0;

    public void Dispose() => _answers?.Dispose();

    /// <summary>
    /// What an operator sizing <see cref="ResponseCacheOptions.MaxBytes"/> needs to see, read only when telemetry collects:
    /// hits and misses, and the answers kept with the bytes they are counted as.
    /// </summary>
    private static MemoryCache Measured(MemoryCache answers, IMeterFactory meters)
    {
        var meter = meters.Create(Hosting.Telemetry.Name);
        meter.CreateObservableCounter("careergraph.answer_cache.hits", () => answers.GetCurrentStatistics()?.TotalHits ?? 0,
            unit: "{request}", description: "Requests answered from the answer cache.");
        meter.CreateObservableCounter("careergraph.answer_cache.misses", () => answers.GetCurrentStatistics()?.TotalMisses ?? 0,
            unit: "{request}", description: "Requests the answer cache could not answer.");
        meter.CreateObservableUpDownCounter("careergraph.answer_cache.entries", () => answers.GetCurrentStatistics()?.CurrentEntryCount ?? 0,
            unit: "{answer}", description: "Answers kept.");
        meter.CreateObservableUpDownCounter("careergraph.answer_cache.size", () => answers.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0,
            unit: "By", description: "Bytes the kept answers are counted as, against CareerGraph:ResponseCache:MaxBytes.");
        return answers;
    }

    private static Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result) =>
        GraphQLNegotiation.WriteAsync(http, mediaType, GraphQLNegotiation.StatusOf(result, mediaType), result);

    private static bool IsShared(ExecutionResult result) =>
        result.Executed && result.Errors is not { Count: > 0 } && result.Operation?.Operation == OperationType.Query;

    private string KeyOf(long at, GraphQLRequest request) =>
        string.Join('\u001f', at, request.OperationName, request.Variables is null ? "" : serializer.Serialize(request.Variables), request.Query);

    private async Task<Answer> SerialiseAsync(ExecutionResult result, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, cancellationToken);
        return new Answer(buffer.ToArray());
    }

    private static async Task WriteAsync(HttpContext http, string mediaType, Answer answer)
    {
        var response = http.Response;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            response.Headers.ETag = answer.ETag.ToString();
            response.Headers.CacheControl = Revalidate;
            if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } known
                && known.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(answer.ETag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"{mediaType}; charset=utf-8";
        response.ContentLength = answer.Json.Length;
        await response.Body.WriteAsync(answer.Json, http.RequestAborted);
    }
}
