using System.Diagnostics;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Hosting;

/// <summary>
/// Runs a few representative queries through the GraphQL pipeline (parse, validate, execute against the store,
/// serialise) as soon as the service can answer (<see cref="StartGate"/>), so that the code every query takes is loaded
/// and the per-field code, which runs hundreds of times per query, is already queued for tier-up by the time load
/// comes. The first callers are answered meanwhile rather than after it (the start's last step: the host's start
/// returns once it is done). A stop that comes meanwhile ends it. The answers are thrown away; nothing is written.
/// "CareerGraph:WarmUp:Runs" says how often each query runs (0: no warm-up).
/// </summary>
internal sealed class PipelineWarmUp(IServiceProvider services, StartGate gate, IConfiguration configuration, ILogger<PipelineWarmUp> logger) : IHostedLifecycleService
{
    public const string RunsSetting = "CareerGraph:WarmUp:Runs";

    /// <summary>
    /// The shapes callers send most: one career with its skills and links, a path, a page, a neighbourhood. Not search:
    /// the embedded store builds its search index in the background, and warming search would hold the start until it is
    /// built (seconds on a large graph) instead of letting every other query be answered meanwhile.
    /// </summary>
    public static readonly IReadOnlyList<string> Documents =
    [
        """{ career(id: "machine-learning-engineer") { name skills { importance skill { name } } seeAlso { weight career { name } } } }""",
        """{ path(from: "ML Engineer", to: "Cloud Engineer") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }""",
        """query Page($first: Int) { careers(first: $first) { totalCount nodes { id name skills { skill { name } } } pageInfo { endCursor hasNextPage } } }""",
        """{ neighbourhood(id: "mlops-engineer", depth: 1) { nodes { id label kind } edges { source target kind weight } } }""",
    ];

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var runs = configuration.GetValue(RunsSetting, 5);
        if (runs <= 0) return;
        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var started = 0L;
        try
        {
            await gate.Ready.WaitAsync(cancellationToken);
            started = Stopwatch.GetTimestamp();
            for (var run = 0; run < runs; run++)
            {
                foreach (var document in Documents)
                {
                    await using var scope = services.CreateAsyncScope();
                    var result = await executer.ExecuteAsync(options =>
                    {
                        options.Query = document;
                        options.Variables = new Inputs(new Dictionary<string, object?> { ["first"] = 10 });
                        options.RequestServices = scope.ServiceProvider;
                        options.CancellationToken = cancellationToken;
                    });
                    await serializer.WriteAsync(Stream.Null, result, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the service is stopping while it starts (SIGTERM, Ctrl+C): a warm-up is no reason to fail its start
        }
        logger.LogInformation("GraphQL pipeline warmed up: {Documents} queries run {Runs} times in {Elapsed:N0} ms",
            Documents.Count, runs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
