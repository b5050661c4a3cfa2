using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// A store opened to load its graph in the background (as the service opens it, building its schema meanwhile) answers
/// as one loaded at once: what is asked of it before the load ends waits for the load. A load that fails fails every use
/// of the store with its reason, the store still closes, and nothing in the file is touched.
/// </summary>
public sealed class BackgroundLoadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string File => _folder.File("store.db");

    public void Dispose() => _folder.Dispose();

    private static ChangeSet Change(params Change[] changes) => new("key:test", changes);

    private async Task SeedAsync()
    {
        using var store = SqliteGraphStore.Open(File);
        await store.ImportAsync(ContractGraph.Document);
    }

    /// <summary>
    /// A seeded database with a node row whose properties are not JSON, and no snapshot file beside it: its load must
    /// read the row, and fails.
    /// </summary>
    internal static async Task WriteBrokenGraphAsync(string database)
    {
        using (var store = SqliteGraphStore.Open(database))
            await store.ImportAsync(ContractGraph.Document);
        System.IO.File.Delete(SnapshotFile.PathFor(Path.GetFullPath(database)));
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE nodes SET data = '{' WHERE id = 'python'";
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    private long NodeRows()
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM nodes";
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public async Task Reads_and_writes_asked_for_while_the_graph_loads_wait_for_it()
    {
        await SeedAsync();
        using var store = SqliteGraphStore.Open(File, loadInBackground: true);

        // Asked for at once, side by side, not after Loaded.
        var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.GetNodesAsync(["machine-learning-engineer", "python"]))).ToList();
        var write = store.ApplyAsync(Change(new AddAlias(new Alias("Model Builder", "machine-learning-engineer"))));
        await store.Loaded;

        foreach (var read in reads) Assert.Equal(["machine-learning-engineer", "python"], (await read).Select(n => n.Id));
        Assert.Single((await write).Entries);
        Assert.Equal(["machine-learning-engineer"], store.Snapshot.Resolve("model builder", null, everyMeaning: false).Select(n => n.Id));
        using var fresh = FreshLoad.Open(File);
        await SameReads.AssertAsync(fresh, store);
    }

    /// <summary>
    /// Each piece of code that waited for the load goes on by itself, not inside the load's completion one after the
    /// other: otherwise a command that waits, does its work and closes the store waits for the loop following the file,
    /// whose own wait for the load is queued behind the command (a hang seen in `import`). Run without a
    /// synchronisation context, as commands and the service run.
    /// </summary>
    [Fact]
    public async Task Each_wait_for_the_load_goes_on_without_waiting_for_the_others()
    {
        await SeedAsync();
        var told = 0;
        for (var round = 0; round < 10; round++)
        {
            await Task.Run(async () =>
            {
                using var store = SqliteGraphStore.Open(File, loadInBackground: true);
                using var secondWent = new ManualResetEventSlim();
                using var cancel = new CancellationTokenSource();
                async Task<bool?> First()
                {
                    var asking = store.WasImportedAsync("seeds:any", cancel.Token); // as a command starts
                    if (asking.IsCompleted) return null; // the load had ended before the wait began: nothing to tell
                    await asking;
                    return secondWent.Wait(TimeSpan.FromSeconds(30)); // blocks its thread, as closing a store does
                }
                async Task Second()
                {
                    await store.Loaded;
                    secondWent.Set();
                }
                var first = First(); // waits first, then the second
                await Second();
                if (await first is not { } secondWentMeanwhile) return;
                Assert.True(secondWentMeanwhile, "The second wait for the load went on only after the first had.");
                Interlocked.Increment(ref told);
            });
        }
        Assert.True(told > 0, "The graph was loaded before the waits began in every round.");
    }

    [Fact]
    public async Task A_graph_that_cannot_be_loaded_fails_every_use_with_its_reason_and_leaves_the_file_as_it_was()
    {
        await WriteBrokenGraphAsync(File);
        var rows = NodeRows();

        var store = SqliteGraphStore.Open(File, loadInBackground: true);

        var failure = await Assert.ThrowsAsync<GraphLoadException>(() => store.Loaded);
        Assert.StartsWith($"The graph in {File} cannot be loaded: ", failure.Message);
        Assert.IsAssignableFrom<JsonException>(failure.InnerException);
        Assert.Same(failure, Assert.Throws<GraphLoadException>(() => store.Snapshot));
        Assert.Same(failure, await Assert.ThrowsAsync<GraphLoadException>(() => store.GetNodesAsync(["machine-learning-engineer"])));
        Assert.Same(failure, await Assert.ThrowsAsync<GraphLoadException>(() => store.WasImportedAsync("seeds:any")));
        Assert.Same(failure, await Assert.ThrowsAsync<GraphLoadException>(() =>
            store.ApplyAsync(Change(new AddAlias(new Alias("Model Builder", "machine-learning-engineer"))))));
        store.Dispose();

        Assert.Equal(rows, NodeRows());
        // A load at once fails on the same row.
        Assert.IsAssignableFrom<JsonException>(Assert.Throws<AggregateException>(() => SqliteGraphStore.Open(File)).Flatten().InnerExceptions[0]);
    }
}
