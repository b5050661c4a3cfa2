using System.Reflection;
using CareerGraph.Api.Caching;
using CareerGraph.Api.Hosting;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Store;
using CareerGraph.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Caching;

/// <summary>The version answers are cached under: the snapshot's on a store that has one, even behind the timing decorator; writes seen otherwise.</summary>
public sealed class GraphVersionTests
{
    [Fact]
    public async Task On_the_embedded_store_behind_the_timing_decorator_the_version_is_the_snapshot_s()
    {
        using var store = SqliteGraphStore.Open(":memory:");
        var version = GraphVersion.Of(InstrumentedStore.Wrap(store));
        Assert.True(version.IsExact);
        var before = version.Current;
        Assert.Equal(store.Snapshot.Version, before);

        await store.ImportAsync(GraphDocument.Empty with { Careers = [new Career("tester", "Tester")] });

        Assert.True(version.Current > before);
        Assert.Equal(store.Snapshot.Version, version.Current);
        version.NoteWrite();
        Assert.Equal(store.Snapshot.Version, version.Current);
    }

    [Fact]
    public void On_a_store_without_snapshots_the_version_counts_the_writes_made_through_this_instance()
    {
        var version = GraphVersion.Of(InstrumentedStore.Wrap(DispatchProxy.Create<ICareerGraphStore, UnusedStore>()));
        Assert.False(version.IsExact);
        Assert.Equal(0, version.Current);
        version.NoteWrite();
        Assert.Equal(1, version.Current);
    }

    [Fact]
    public async Task A_mutation_through_the_API_counts_as_a_write_even_one_that_is_refused_and_a_query_does_not()
    {
        // The version the answer cache keys by, as on Neo4j: it moves only when a write is noted.
        var version = GraphVersion.Of(InstrumentedStore.Wrap(DispatchProxy.Create<ICareerGraphStore, UnusedStore>()));
        using var service = new CurationService(services: services => services.AddSingleton(version));
        using var anonymous = service.Anonymous();
        using var curator = service.WithKey();

        var read = await anonymous.PostAsync("""{ career(id: "devops-engineer") { aliases } }""");
        Assert.Empty(read.ErrorCodes);
        Assert.Equal(0, version.Current);

        var added = await curator.PostAsync("""mutation { addAlias(input: { name: "Platform Engineer", target: "devops-engineer" }) { alias } }""");
        Assert.Empty(added.ErrorCodes);
        Assert.Equal(1, version.Current);

        var refused = await curator.PostAsync("""mutation { addAlias(input: { name: "Nowhere", target: "no-such-career" }) { alias } }""");
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Equal(2, version.Current);
    }

    /// <summary>A store that is never asked anything: only its type matters here.</summary>
    public class UnusedStore : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException(targetMethod?.Name);
    }
}
