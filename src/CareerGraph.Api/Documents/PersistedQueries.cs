using System.Security.Cryptography;
using System.Text;
using BitFaster.Caching.Lru;
using GraphQL;
using GraphQL.Transport;

namespace CareerGraph.Api.Documents;

/// <summary>
/// Automatic Persisted Queries as Apollo's persisted-query link speaks them: a request may carry
/// <c>extensions.persistedQuery = { version: 1, sha256Hash }</c> instead of its document. An unknown hash is
/// answered PERSISTED_QUERY_NOT_FOUND (message "PersistedQueryNotFound", which Apollo and urql both recognise),
/// and the client sends the hash again with the document, which is checked against the hash, remembered and answered.
/// </summary>
internal sealed class PersistedQueries(DocumentOptions options)
{

    private const string Extension = "persistedQuery";

    private readonly ConcurrentLru<string, string> _documents = new(Math.Max(options.CacheEntries, 3));

    /// <summary>Why a persisted-query request cannot be answered, with the HTTP status to answer it with.</summary>
    public sealed record Refusal(int Status, string Code, string Message);

    /// <summary>Whether the request names its document by hash (so it may leave <c>query</c> out).</summary>
    public static bool IsPersisted(GraphQLRequest? request) => request?.Extensions?.ContainsKey(Extension) == true;

    /// <summary>Fills in the documents of hash-only requests and remembers the documents sent with their hash; null when all may run.</summary>
    public Refusal? Resolve(IEnumerable<GraphQLRequest> requests)
    {
        foreach (var request in requests)
            if (IsPersisted(request) && Resolve(request) is { } refusal)
                return refusal;
        return null;
    }

    private Refusal? Resolve(GraphQLRequest request)
    {
        var hasDocument = !string.IsNullOrWhiteSpace(request.Query);
        if (!options.PersistedQueries)
            // Apollo's link turns persisted queries off for good on this code and resends the document.
            return hasDocument ? null : new Refusal(StatusCodes.Status400BadRequest, ErrorCodes.PersistedQueryNotSupported, "PersistedQueryNotSupported");

        if (request.Extensions![Extension] is not IDictionary<string, object?> persisted
            || persisted.TryGetValue("version", out var version) is false || !IsVersionOne(version)
            || persisted.TryGetValue("sha256Hash", out var hashValue) is false || hashValue is not string { Length: 64 } hash
            || !hash.All(char.IsAsciiHexDigit))
            return new Refusal(StatusCodes.Status400BadRequest, ErrorCodes.PersistedQueryInvalid,
                "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits: the SHA-256 of the document's UTF-8 text>\"}.");

        var key = hash.ToLowerInvariant();
        if (!hasDocument)
        {
            if (!_documents.TryGet(key, out var document))
                return new Refusal(StatusCodes.Status404NotFound, ErrorCodes.PersistedQueryNotFound, "PersistedQueryNotFound");
            request.Query = document;
            return null;
        }

        if (HashOf(request.Query!) != key)
            return new Refusal(StatusCodes.Status400BadRequest, ErrorCodes.PersistedQueryHashMismatch,
                $"extensions.persistedQuery.sha256Hash '{hash}' is not the SHA-256 of the document sent with it; hash the exact UTF-8 text of 'query', or leave the extension out.");
        if (request.Query!.Length <= options.MaxCachedLength) _documents.AddOrUpdate(key, request.Query!);
        return null;
    }

    private static bool IsVersionOne(object? version) => version switch
    {
        int i => i == 1,
        long l => l == 1,
        decimal d => d == 1,
        double d => d == 1,
        System.Numerics.BigInteger b => b == 1,
        string s => s == "1",
        _ => false,
    };

    private static string HashOf(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
