using CareerGraph.Api.Http;
using Serilog.Events;

namespace CareerGraph.Api.Hosting;

/// <summary>
/// The service listens as soon as its host is built, while the graph loads and the GraphQL schema is built beside it
/// (<see cref="OpenAfter"/>): a request that comes before then waits here until the service can answer it, or until
/// its caller leaves. A first caller is answered the moment the service is ready, and the server's own start (binding,
/// the first connection's code) no longer comes after the load. <c>/health</c> (the process is up) is answered at
/// once, and <c>/ready</c> says 503 until the gate opens. A start that fails ends the process (Program.cs); what
/// waited is told 503.
/// </summary>
internal sealed class StartGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the service can answer; faults with what stopped its start.</summary>
    public Task Ready => _ready.Task;

    public bool IsOpen => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Runs the start's steps on the thread pool and opens once they have all ended (or fails with the first fault).</summary>
    public void OpenAfter(Func<Task> steps) =>
        Task.Run(steps).ContinueWith(done =>
        {
            if (done.Exception is { } fault) _ready.TrySetException(fault.InnerExceptions);
            else _ready.TrySetResult();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Holds every request but the probes until the gate opens; once it is open, a request goes straight on.</summary>
    public Task PassAsync(HttpContext http, RequestDelegate next) =>
        IsOpen || Probes.Is(http.Request.Path) ? next(http) : WaitThenPassAsync(http, next);

    private async Task WaitThenPassAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await Ready.WaitAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest; // for the log: nobody is left to read an answer
            return;
        }
        catch (Exception) when (!IsOpen)
        {
            await GraphQLNegotiation.WriteErrorAsync(http, GraphQLNegotiation.Json,
                new Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "The service could not start and is stopping."));
            return;
        }
        await next(http);
    }

    /// <summary>
    /// The request log's level: as Serilog's default (errors for faults and 5xx answers, information for the rest), but
    /// the probes, which orchestrators send every few seconds and which say 503 while the service starts, at debug.
    /// </summary>
    public static LogEventLevel RequestLogLevel(HttpContext http, double elapsed, Exception? error) =>
        error is null && Probes.Is(http.Request.Path) ? LogEventLevel.Debug
        : error is not null || http.Response.StatusCode > 499 ? LogEventLevel.Error
        : LogEventLevel.Information;
}
