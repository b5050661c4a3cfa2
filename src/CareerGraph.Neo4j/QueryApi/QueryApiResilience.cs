using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>
/// What is tried again, and when: requests marked repeatable (reads, idempotent schema statements, opening and
/// rolling back a transaction) after a network failure, a timeout, HTTP 408/429/5xx or a Neo.TransientError;
/// never a write inside a transaction or a commit, whose effect a retry could double or whose outcome is unknown.
/// </summary>
internal static class QueryApiResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, Neo4jOptions options)
    {
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = ShouldRetryAsync,
            });
        }
        // Requests inside a transaction get the longer TransactionTimeout: they are never repeated, so abandoning a slow
        // write would only turn it into a failure of unknown outcome.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.GetRequestMessage() is { } request && QueryApiClient.IsInTransaction(request) ? options.TransactionTimeout : options.AttemptTimeout),
        });
    }

    internal static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Context.GetRequestMessage() is not { } request || !QueryApiClient.IsRepeatable(request)) return false;
        if (args.Outcome.Exception is { } error) return error is HttpRequestException or TimeoutRejectedException;
        if (args.Outcome.Result is not { } response || response.StatusCode == HttpStatusCode.Unauthorized) return false;
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests) return true;

        // Neo4j reports a transient error (a deadlock, a database starting up) in the body, whatever the status.
        await response.Content.LoadIntoBufferAsync(args.Context.CancellationToken);
        var body = QueryApiClient.Parse(await response.Content.ReadAsStringAsync(args.Context.CancellationToken));
        return body?.Errors?.Any(e => Neo4jException.IsTransientCode(e.Code)) == true;
    }
}
