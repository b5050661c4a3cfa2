using BitFaster.Caching.Lru;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace CareerGraph.Api.Documents;

/// <summary>
/// Keeps the parsed form of documents that ran, so that a document sent again (a persisted query, a page turned
/// with fetchMore) is not parsed again. Every validation rule still runs on each request: who may run a document
/// and what it costs depend on the caller and the variables, not only on the text.
/// </summary>
internal sealed class ParsedDocumentCache(DocumentOptions options) : IConfigureExecution
{
    private readonly ConcurrentLru<string, GraphQLDocument> _documents = new(Math.Max(options.CacheEntries, 3));

    // Where GraphQL.NET puts its own document cache in the chain of execution steps.
    public float SortOrder => 200;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Query is not { } query || query.Length > options.MaxCachedLength) return next(execution);
        if (execution.Document is null && _documents.TryGet(query, out var document))
        {
            execution.Document = document;
            return next(execution); // kept already: nothing to do once it has run
        }
        // A document the HTTP endpoint parsed already (to tell its operation's kind) was not in the cache: kept once it runs.
        return RunAndKeepAsync(query, execution, next);
    }

    private async Task<ExecutionResult> RunAndKeepAsync(string query, ExecutionOptions execution, ExecutionDelegate next)
    {
        var result = await next(execution);
        if (result.Executed && result.Document is { } parsed) _documents.AddOrUpdate(query, parsed);
        return result;
    }

    /// <summary>The parsed form of a document that ran before, if it is still kept.</summary>
    public bool TryGet(string query, out GraphQLDocument document) => _documents.TryGet(query, out document!);

    /// <summary>How many parsed documents are kept (for tests and diagnostics).</summary>
    public int Count => _documents.Count;
}
