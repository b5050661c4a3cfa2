using System.Reflection;
using CareerGraph.Api.Hosting;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using CareerGraph.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Limits;

/// <summary>A request that runs out of time, or whose client hangs up, stops the work it started.</summary>
public sealed class CancellationTests
{
    /// <summary>
    /// A graph where k loopless walks of 8 hops take the path finder a second or more: every career links to 8
    /// others, so each of Yen's spur searches reaches all of them.
    /// </summary>
    private static PathFinder LargeGraph(out string from, out string to)
    {
        const int Careers = 80_000;
        var random = new Random(7);
        var ids = Enumerable.Range(0, Careers).Select(i => $"c{i}").ToArray();
        var edges = Enumerable.Range(0, Careers).SelectMany(i => Enumerable.Range(0, 4).Select(_ =>
            new Edge(ids[i], ids[random.Next(Careers)], EdgeKind.SeeAlso) { Weight = 0.5 + random.NextDouble() / 2 }));
        (from, to) = (ids[0], ids[^1]);
        return new PathFinder(ids, edges.Where(e => e.Source != e.Target).DistinctBy(e => e.Id));
    }

    [Fact]
    public void The_path_finder_stops_when_its_token_is_cancelled_during_the_search()
    {
        var finder = LargeGraph(out var from, out var to);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.ThrowsAny<OperationCanceledException>(() => finder.Find(new PathQuery(from, to) { K = 10, MaxHops = 8 }, cancel.Token));
    }

    [Fact]
    public async Task An_operation_past_its_timeout_stops_the_path_search_it_started()
    {
        var (started, outcome) = (Signal(), new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var service = new CurationService(
            new Dictionary<string, string?> { ["CareerGraph:Limits:TimeoutSeconds"] = "1", [PipelineWarmUp.RunsSetting] = "0" },
            services: services => LargePaths.Decorate(services, started, outcome));
        var answer = await service.Anonymous().PostAsync("""{ paths(from: "machine-learning-engineer", to: "cloud-engineer", k: 10, maxHops: 8) { hops } }""");
        Assert.Equal(["TIMEOUT"], answer.ErrorCodes);
        Assert.True(started.Task.IsCompleted, "the timeout came before the search started, so it proves nothing");
        // The search itself ended by cancellation, so it no longer holds a core.
        Assert.Equal("cancelled", await outcome.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_client_hanging_up_stops_the_path_search_it_started()
    {
        var (started, outcome) = (Signal(), new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var service = new CurationService(
            new Dictionary<string, string?> { ["CareerGraph:Limits:TimeoutSeconds"] = "600", [PipelineWarmUp.RunsSetting] = "0" },
            services: services => LargePaths.Decorate(services, started, outcome));
        using var hangUp = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = """{ paths(from: "machine-learning-engineer", to: "cloud-engineer", k: 10, maxHops: 8) { hops } }""" }),
        };
        var sent = service.Anonymous().SendAsync(request, hangUp.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        hangUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
        Assert.Equal("cancelled", await outcome.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The store, but its path search runs the shared path finder over a large graph again and again until its token
    /// stops it, as a store holding a far larger graph would: a fast machine then cannot finish before a timeout.
    /// </summary>
    public class LargePaths : DispatchProxy
    {
        private static readonly Lazy<(PathFinder Finder, string From, string To)> Graph = new(() => (LargeGraph(out var from, out var to), from, to));
        private ICareerGraphStore _inner = null!;
        private TaskCompletionSource _started = null!;
        private TaskCompletionSource<string> _outcome = null!;

        public static void Decorate(IServiceCollection services, TaskCompletionSource started, TaskCompletionSource<string> outcome)
        {
            _ = Graph.Value; // built before the request, so that the timeout covers only the search
            var original = services.Last(d => d.ServiceType == typeof(ICareerGraphStore));
            services.Remove(original);
            services.AddSingleton(provider =>
            {
                var proxy = Create<ICareerGraphStore, LargePaths>();
                var large = (LargePaths)(object)proxy;
                (large._inner, large._started, large._outcome) = ((ICareerGraphStore)original.ImplementationFactory!(provider), started, outcome);
                return proxy;
            });
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method!.Name == nameof(ICareerGraphStore.FindPathsAsync)
                ? Task.FromResult(Search((PathQuery)args![0]!, (CancellationToken)args[1]!))
                : method.Invoke(_inner, args);

        private IReadOnlyList<GraphPath> Search(PathQuery query, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            try
            {
                const int Rounds = 100; // a bound: were cancellation broken, the test fails and the search still ends
                IReadOnlyList<GraphPath> routes = [];
                for (var round = 0; round < Rounds; round++)
                    routes = Graph.Value.Finder.Find(query with { From = Graph.Value.From, To = Graph.Value.To }, cancellationToken);
                _outcome.TrySetResult("finished");
                return routes;
            }
            catch (OperationCanceledException)
            {
                _outcome.TrySetResult("cancelled");
                throw;
            }
        }
    }
}
