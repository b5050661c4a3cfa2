using System.Reflection;
using CareerGraph.Curation;
using CareerGraph.Store;
using CareerGraph.Tests.Curation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>
/// Nested fields read a store that answers from a snapshot in memory (the embedded store) at once, field by field, and
/// any other store in batches. Both ways must answer alike: the same seeds are served twice, answer cache off, once as
/// they are and once behind a wrapper that hides the snapshot (as a Neo4j store has none), so that every nested field
/// of the second goes through the batch loaders; every answer must be byte for byte the same.
/// </summary>
public sealed class SnapshotReadTests(SnapshotReadTests.Services services) : IClassFixture<SnapshotReadTests.Services>
{
    /// <summary>The documents of the compiled plan's tests: every field and shape the loaders serve, errors included.</summary>
    public static TheoryData<string, string, string?> Documents()
    {
        var documents = new TheoryData<string, string, string?>();
        foreach (var row in CompiledPlanTests.Planned.Concat(CompiledPlanTests.FallingBack))
            documents.Add((string)row[0], (string)row[1], (string?)row[2]);
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_query_answers_the_same_read_at_once_and_in_batches(string name, string query, string? variablesOrOperation)
    {
        var (atOnce, batched) = await services.BothAsync(query, variablesOrOperation);
        Assert.Equal(batched, atOnce);
        _ = name;
    }

    [Fact]
    public async Task Nested_fields_on_a_snapshot_cost_no_store_call_and_in_batches_one_per_kind_and_level()
    {
        const string query = """{ career(id: "machine-learning-engineer") { name aliases skills { skill { name } } seeAlso { career { name industries { name } } } } }""";
        var (snapshotBefore, batchedBefore) = (services.AtOnce.Calls, services.Batched.Calls);
        var (atOnce, batched) = await services.BothAsync(query, null);
        Assert.Equal(batched, atOnce);
        Assert.Contains("\"skills\":[{", atOnce.Body);
        Assert.Equal(snapshotBefore, services.AtOnce.Calls);
        // The career; its aliases, skill edges and see-also edges; their skills and careers; the careers' industry edges; the industries.
        Assert.True(batchedBefore + 7 == services.Batched.Calls, string.Join(", ", services.Batched.Called.Skip(batchedBefore)));
    }

    [Fact]
    public async Task A_merge_and_the_reads_after_it_in_the_same_request_answer_the_same()
    {
        using var pair = new Services();
        const string mutation = """
            mutation {
              mergeCareers(input: { from: "data-engineer", into: "machine-learning-engineer" }) { career { id aliases skills { skill { id } } } mergedId }
              addAlias(input: { name: "Pipeline Builder", target: "data-engineer" }) { alias node { id ... on Career { aliases } } userErrors { code } }
            }
            """;
        var (atOnce, batched) = await pair.BothAsync(mutation, null, CurationService.CuratorKey);
        Assert.Equal(batched, atOnce);
        Assert.DoesNotContain("\"errors\"", atOnce.Body);
        Assert.Contains("\"mergedId\":\"data-engineer\"", atOnce.Body);

        const string read = """
            { career(id: "data-engineer") { id aliases } nodes(ids: ["data-engineer", "nope", "python"]) { id }
              skill(id: "sql") { requiredBy(first: 50) { career { id } } }
              careers(first: 50) { nodes { id seeAlso { career { id } } seeAlsoFrom { career { id } } } } }
            """;
        (atOnce, batched) = await pair.BothAsync(read, null);
        Assert.Equal(batched, atOnce);
        Assert.DoesNotContain("\"errors\"", atOnce.Body);
        Assert.Contains("\"career\":{\"id\":\"machine-learning-engineer\"", atOnce.Body);
    }

    [Fact]
    public async Task Edges_listed_in_order_follow_a_write_that_changes_the_order()
    {
        using var pair = new Services();
        const string read = """{ career(id: "machine-learning-engineer") { skills { importance skill { id } } } skill(id: "sql") { requiredBy { importance career { id } } } }""";
        var (atOnce, batched) = await pair.BothAsync(read, null);
        Assert.Equal(batched, atOnce);
        var skills = SkillIds(atOnce.Body);
        var last = skills[^1];

        // The least important skill becomes one of the most important: the list put in order before must not answer again.
        var write = $$"""mutation { addEdge(input: { source: "machine-learning-engineer", kind: REQUIRES, target: "{{last}}", importance: 1 }) { userErrors { code } } }""";
        var (written, writtenBatched) = await pair.BothAsync(write, null, CurationService.CuratorKey);
        Assert.Equal(writtenBatched, written);
        Assert.Contains("\"userErrors\":[]", written.Body);

        (atOnce, batched) = await pair.BothAsync(read, null);
        Assert.Equal(batched, atOnce);
        var after = SkillIds(atOnce.Body);
        Assert.Equal(skills.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
        Assert.True(after.IndexOf(last) < skills.Count - 1, $"{last} is still listed last: {string.Join(", ", after)}");
    }

    private static List<string> SkillIds(string body)
    {
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        return [.. answer.RootElement.GetProperty("data").GetProperty("career").GetProperty("skills").EnumerateArray()
            .Select(s => s.GetProperty("skill").GetProperty("id").GetString()!)];
    }

    /// <summary>The seeds served read at once and in batches, with a curator key in both.</summary>
    public sealed class Services : IDisposable
    {
        public ReadApp AtOnce { get; } = new(hideSnapshot: false);
        public ReadApp Batched { get; } = new(hideSnapshot: true);

        public async Task<(CareerGraphApp.Answer AtOnce, CareerGraphApp.Answer Batched)> BothAsync(string query, string? variablesOrOperation, string? key = null) =>
            (await AtOnce.SendAsync(query, variablesOrOperation, key), await Batched.SendAsync(query, variablesOrOperation, key));

        public void Dispose()
        {
            AtOnce.Dispose();
            Batched.Dispose();
        }
    }

    public sealed class ReadApp(bool hideSnapshot) : CareerGraphApp
    {
        private CountedStore? _store;

        /// <summary>Calls to the store's port since the service started.</summary>
        public int Calls => Store.Count;

        public string[] Called => Store.Called;

        private CountedStore Store => _store ?? throw new InvalidOperationException("The service has not started.");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CareerGraph:ResponseCache:Enabled", "false");
            builder.UseSetting("CareerGraph:Auth:ApiKeys:0:Name", "test-curator");
            builder.UseSetting("CareerGraph:Auth:ApiKeys:0:Sha256", CurationService.Sha256Hex(CurationService.CuratorKey));
            builder.UseSetting("CareerGraph:Limits:RateLimit:PermitLimit", "0");
            builder.ConfigureTestServices(services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(ICareerGraphStore));
                services.Remove(inner);
                services.AddSingleton(provider => (_store = CountedStore.Wrap((ICareerGraphStore)inner.ImplementationFactory!(provider), hideSnapshot)).Proxy);
            });
        }
    }

    /// <summary>Counts calls to the store's port; hides the store's snapshot, or passes it through uncounted.</summary>
    public class CountedStore : DispatchProxy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

        protected ICareerGraphStore Inner { get; private set; } = null!;
        public ICareerGraphStore Proxy { get; private set; } = null!;
        public int Count => _calls.Count;

        /// <summary>The operations called, in order.</summary>
        public string[] Called => [.. _calls];

        public static CountedStore Wrap(ICareerGraphStore inner, bool hideSnapshot)
        {
            Assert.True(inner is ISnapshotStore, "The embedded store answers from a snapshot.");
            var proxy = hideSnapshot ? Create<ICareerGraphStore, CountedStore>() : Create<ICareerGraphStore, CountedSnapshotStore>();
            var counted = (CountedStore)(object)proxy;
            (counted.Inner, counted.Proxy) = (inner, proxy);
            return counted;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            _calls.Enqueue(method!.Name);
            try
            {
                return method!.Invoke(Inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }

    public class CountedSnapshotStore : CountedStore, ISnapshotStore
    {
        public long SnapshotVersion => ((ISnapshotStore)Inner).SnapshotVersion;
        public IGraphFacts Snapshot => ((ISnapshotStore)Inner).Snapshot;
    }
}
