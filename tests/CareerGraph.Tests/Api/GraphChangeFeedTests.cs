using System.Collections.Concurrent;
using CareerGraph.Api.Live;
using CareerGraph.Api.Security;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The feed behind graphChanged: it follows the audit trail by sequence, so it hears changes made by another instance
/// on the same store (when the store has taken them in, or by polling), and a subscriber that joins at any moment gets every change after its sequence once.
/// </summary>
public sealed class GraphChangeFeedTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<SqliteGraphStore> OpenAsync(TimeSpan? followEvery = null)
    {
        var store = SqliteGraphStore.Open(_folder.File("graph.db"), followEvery);
        await store.ImportAsync(ContractGraph.Document); // a second import of the same document changes nothing
        return store;
    }

    private static GraphChangeFeed Feed(SqliteGraphStore store, double pollSeconds = 30) =>
        new(store, [store], new LimitOptions { Subscriptions = { PollSeconds = pollSeconds, BufferedEvents = 1000 } }, NullLogger<GraphChangeFeed>.Instance);

    private static ChangeSet Describe(string id, string text) =>
        new("key:test", [new PatchNode(id, NodeKind.Career, new NodePatch { Description = new(text) }, null)]);

    [Fact]
    public async Task Changes_written_by_another_instance_are_announced_once_the_snapshot_holds_them()
    {
        using var here = await OpenAsync(followEvery: TimeSpan.FromMilliseconds(100));
        using var elsewhere = await OpenAsync(); // another service on the same file: only following the file tells this one
        using var feed = Feed(here);
        await feed.StartAsync(default);
        var heard = new TaskCompletionSource<(GraphChange Change, string? Description)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (_, leave) = await feed.JoinAsync(change => heard.TrySetResult((change, ((Career?)here.Snapshot.Node("cloud-engineer"))?.Description)), default);

        var receipt = await elsewhere.ApplyAsync(Describe("cloud-engineer", "Written elsewhere."));

        var (change, description) = await heard.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Assert.Single(receipt.Entries).Sequence, change.Entry.Sequence);
        Assert.Equal([NodeKind.Career], change.Kinds);
        Assert.Equal("Written elsewhere.", description); // announced only when reads already answer it
        leave.Dispose();
        await feed.StopAsync(default);
    }

    [Fact]
    public async Task Subscribers_joining_while_changes_are_written_each_get_every_change_once_in_order()
    {
        using var store = await OpenAsync();
        using var feed = Feed(store);
        await feed.StartAsync(default);
        const int changes = 40;
        var careers = ContractGraph.Document.Nodes.OfType<Career>().Select(c => c.Id).ToList();

        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < changes; i++) await store.ApplyAsync(Describe(careers[i % careers.Count], $"Version {i}."));
        });
        var subscribers = new List<(ConcurrentQueue<long> Seen, IDisposable Subscription)>();
        for (var i = 0; i < 8; i++)
        {
            var seen = new ConcurrentQueue<long>();
            var subscription = new GraphChangeSubscription(feed, new GraphChangeFilter(0, new HashSet<string>(), new HashSet<NodeKind>()), 1000)
                .Subscribe(new Collector(seen));
            subscribers.Add((seen, subscription));
            await Task.Delay(i * 3);
        }
        await writing;

        var expected = Enumerable.Range(1, changes).Select(n => (long)n).ToList();
        foreach (var (seen, subscription) in subscribers)
        {
            for (var wait = 0; seen.Count < changes && wait < 200; wait++) await Task.Delay(100);
            Assert.Equal(expected, seen.ToList());
            subscription.Dispose();
        }
        await feed.StopAsync(default);
    }

    private sealed class Collector(ConcurrentQueue<long> seen) : IObserver<GraphChange>
    {
        public void OnNext(GraphChange value) => seen.Enqueue(value.Entry.Sequence);
        public void OnError(Exception error) => throw error;
        public void OnCompleted() { }
    }
}
