using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Embedded;

/// <summary>What the embedded store adds to the contract: durability in the file and consistent snapshots.</summary>
public sealed class EmbeddedCurationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<SqliteGraphStore> OpenSeededAsync(string name = "store.db")
    {
        var store = SqliteGraphStore.Open(_folder.File(name));
        await store.ImportAsync(ContractGraph.Document);
        return store;
    }

    private static ChangeSet Change(params Change[] changes) => new("key:test", changes);

    [Fact]
    public async Task Changes_merges_and_the_audit_trail_survive_reopening_the_file()
    {
        using (var store = await OpenSeededAsync())
        {
            await store.ApplyAsync(Change(new CreateNode(new Skill("rust", "Rust")), new AddAlias(new Alias("rust-lang", "rust"))));
            await store.ApplyAsync(Change(new MergeCareers("data-engineer", "machine-learning-engineer")));
        }

        using var reopened = SqliteGraphStore.Open(_folder.File("store.db"));
        Assert.Equal("rust", Assert.Single(await reopened.ResolveAsync("rust-lang")).Id);
        Assert.Equal("machine-learning-engineer", Assert.Single(await reopened.ResolveAsync("data-engineer")).Id);
        Assert.Equal(
            [AuditOperation.CreateNode, AuditOperation.AddAlias, AuditOperation.MergeCareers],
            (await reopened.GetAuditAsync(new AuditQuery())).Select(e => e.Operation));
    }

    [Fact]
    public async Task The_snapshot_after_a_change_equals_a_fresh_load_of_the_file()
    {
        using var store = await OpenSeededAsync();
        await store.ApplyAsync(Change(
            new CreateNode(new Career("llmops-engineer", "LLMOps Engineer") { Duties = ["Run LLMs."] }),
            new PutEdge(new Edge("llmops-engineer", "mlops-engineer", EdgeKind.SpecialisationOf)),
            new PutEdge(new Edge("llmops-engineer", "kubernetes", EdgeKind.Requires) { Importance = 0.7, Core = true }),
            new AddAlias(new Alias("LLM Ops", "llmops-engineer")),
            new UpdateNode(new Skill("sql", "SQL") { Category = "Query language" }),
            new RemoveEdge("machine-learning-engineer", EdgeKind.SeeAlso, "marine-engineer"),
            new DeleteNode("opencv")));
        await store.ApplyAsync(Change(new MergeCareers("devops-engineer", "cloud-engineer")));

        using var fresh = FreshLoad.Open(_folder.File("store.db"));
        var derived = store.Snapshot.Document;
        var loaded = fresh.Snapshot.Document;
        Assert.Equal(Describe(loaded), Describe(derived));
        Assert.Equal(fresh.Snapshot.Redirects.OrderBy(r => r.Key), store.Snapshot.Redirects.OrderBy(r => r.Key));
    }

    [Fact]
    public async Task Readers_see_all_of_a_change_or_none_of_it_while_writers_work()
    {
        using var store = await OpenSeededAsync();
        using var stop = new CancellationTokenSource();
        var inconsistencies = 0;
        var snapshotsRead = 0;
        var readersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each change adds a career with its REQUIRES edge and alias; a snapshot may not hold one without the others.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            do
            {
                readersStarted.TrySetResult();
                var snapshot = store.Snapshot;
                foreach (var career in snapshot.Document.Careers.Where(c => c.Id.StartsWith("burst-", StringComparison.Ordinal)))
                {
                    if (snapshot.Edges(career.Id, EdgeKind.Requires, Direction.Outgoing).Count != 1 || snapshot.AliasesOf(career.Id).Count != 1)
                        Interlocked.Increment(ref inconsistencies);
                }
                Interlocked.Increment(ref snapshotsRead);
            }
            while (!stop.IsCancellationRequested);
        })).ToList();
        await readersStarted.Task;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var id = $"burst-{w}-{i}";
                await store.ApplyAsync(Change(
                    new CreateNode(new Career(id, $"Burst {w} {i}")),
                    new PutEdge(new Edge(id, "python", EdgeKind.Requires) { Importance = 0.5 }),
                    new AddAlias(new Alias($"b{w}x{i}", id))));
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, inconsistencies);
        Assert.True(snapshotsRead > 1, $"only {snapshotsRead} snapshot(s) read");
        Assert.Equal(60, store.Snapshot.Document.Careers.Count(c => c.Id.StartsWith("burst-", StringComparison.Ordinal)));
        Assert.Equal(180, (await store.GetAuditAsync(new AuditQuery { First = 1000 })).Count);
    }

    private static string Describe(GraphDocument document) => string.Join('\n',
    [
        .. document.Nodes.Select(n => $"{n.Kind} {CareerGraph.Curation.AuditJson.Node(n)} {(n as Career)?.IsSpecialisation}"),
        .. document.Edges.Select(CareerGraph.Curation.AuditJson.Edge),
        .. document.Aliases.Select(a => $"alias {a.Name} -> {a.TargetId}"),
    ]);

    public void Dispose() => _folder.Dispose();
}
