using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Store;
using CareerGraph.Tests.Api;
using CareerGraph.Tests.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// The search index is built apart from the rest of the embedded index: not while the store opens, but by the first
/// search, or in the background once asked (a service asks once it listens); every snapshot loaded after that builds
/// its own in the background too.
/// </summary>
public sealed class SearchIndexStartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string File => _folder.File("store.db");

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 60_000, "The search index was not built in the background within a minute.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Opening_a_store_does_not_build_search_and_the_first_search_builds_it()
    {
        using (var seeding = SqliteGraphStore.Open(File)) await seeding.ImportAsync(ContractGraph.Document);
        using var store = SqliteGraphStore.Open(File);
        Assert.False(store.Snapshot.SearchBuilt);
        Assert.NotEmpty(await store.GetNodesAsync(["machine-learning-engineer"]));
        Assert.False(store.Snapshot.SearchBuilt);

        var hits = await store.SearchAsync(new SearchQuery("machine learning", new HashSet<NodeKind>(), 5));

        Assert.Equal("machine-learning-engineer", hits[0].Node.Id);
        Assert.True(store.Snapshot.SearchBuilt);
    }

    [Fact]
    public async Task Once_asked_every_snapshot_loaded_builds_its_search_in_the_background()
    {
        using var store = SqliteGraphStore.Open(File);
        store.BuildSearchInBackground();
        await EventuallyAsync(() => store.Snapshot.SearchBuilt);

        // An import publishes a snapshot loaded afresh; a curation write derives one from the built search.
        await store.ImportAsync(ContractGraph.Document);
        await EventuallyAsync(() => store.Snapshot.SearchBuilt);
        await store.ApplyAsync(new ChangeSet("key:test", [new AddAlias(new Alias("Model Builder", "machine-learning-engineer"))]));
        Assert.True(store.Snapshot.SearchBuilt);
        var hits = await store.SearchAsync(new SearchQuery("model builder", new HashSet<NodeKind>(), 5));
        Assert.Equal("machine-learning-engineer", hits[0].Node.Id);
    }

    [Fact]
    public async Task A_service_builds_search_once_it_listens_without_being_asked_for_a_search()
    {
        using var app = new CareerGraphApp();
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<SqliteGraphStore>();

        await EventuallyAsync(() => store.Snapshot.SearchBuilt);
    }

    public void Dispose() => _folder.Dispose();
}
