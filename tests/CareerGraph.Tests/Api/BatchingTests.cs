using System.Collections.Concurrent;
using System.Reflection;
using CareerGraph.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>Nested fields are batched: a query costs one store call per kind of data per level, however many items.</summary>
public sealed class BatchingTests : IClassFixture<BatchingTests.CountingApp>
{
    private readonly CountingApp _app;

    public BatchingTests(CountingApp app)
    {
        _app = app;
        _ = app.Server; // start (and seed) before counting
        CountingStore.Calls.Clear();
    }

    [Fact]
    public async Task Fifty_careers_with_their_skills_cost_three_store_calls()
    {
        var data = await _app.QueryAsync("{ careers(first: 50) { nodes { name skills { importance skill { name } } } } }");
        Assert.Equal(50, data["careers"]!["nodes"]!.AsArray().Count);
        Assert.Equal(1, CountingStore.Count(nameof(ICareerGraphStore.FindCareersAsync)));
        Assert.Equal(1, CountingStore.Count(nameof(ICareerGraphStore.GetEdgesAsync)));
        Assert.Equal(1, CountingStore.Count(nameof(ICareerGraphStore.GetNodesAsync)));
    }

    [Fact]
    public async Task Each_nesting_level_adds_one_call_per_kind_of_data()
    {
        await _app.QueryAsync("""
            { careers(first: 30) { nodes { aliases
                seeAlso { career { name skills { skill { name requiredBy(first: 2) { career { name } } } } } } } } }
            """);
        // Levels: careers → seeAlso edges → their careers → skill edges → skills → skill users → careers.
        Assert.Equal(1, CountingStore.Count(nameof(ICareerGraphStore.FindCareersAsync)));
        Assert.Equal(1, CountingStore.Count(nameof(ICareerGraphStore.GetAliasesAsync)));
        Assert.Equal(3, CountingStore.Count(nameof(ICareerGraphStore.GetEdgesAsync)));
        Assert.Equal(3, CountingStore.Count(nameof(ICareerGraphStore.GetNodesAsync)));
    }

    [Fact]
    public async Task The_industries_and_broader_careers_of_a_hundred_careers_cost_one_call_for_their_edges_and_one_for_the_nodes()
    {
        var data = await _app.QueryAsync("{ careers(first: 100) { nodes { industries { name } specialisationOf { name } } } }");
        var careers = data["careers"]!["nodes"]!.AsArray();
        Assert.Equal(100, careers.Count);
        Assert.True(careers.Count(c => c!["industries"]!.AsArray().Count > 0) > 1, "several careers have industries");
        Assert.True(careers.Count(c => c!["specialisationOf"]!.AsArray().Count > 0) > 1, "several careers specialise another");
        // One level: the IN_INDUSTRY and SPECIALISATION_OF edges of all hundred, then the nodes at their other ends.
        Assert.Equal(2, CountingStore.Count(nameof(ICareerGraphStore.GetEdgesAsync)));
        Assert.Equal(2, CountingStore.Count(nameof(ICareerGraphStore.GetNodesAsync)));
    }

    public sealed class CountingApp : CareerGraphApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(ICareerGraphStore));
                services.Remove(inner);
                services.AddSingleton(provider => CountingStore.Wrap((ICareerGraphStore)inner.ImplementationFactory!(provider)));
            });
        }
    }

    /// <summary>Counts calls to the store port, by method.</summary>
    public class CountingStore : DispatchProxy
    {
        public static readonly ConcurrentDictionary<string, int> Calls = new();
        private ICareerGraphStore _inner = null!;

        public static int Count(string method) => Calls.GetValueOrDefault(method);

        public static ICareerGraphStore Wrap(ICareerGraphStore inner)
        {
            var proxy = Create<ICareerGraphStore, CountingStore>();
            ((CountingStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            Calls.AddOrUpdate(method!.Name, 1, (_, n) => n + 1);
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
