using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// A store follows its file: what another connection commits (a second instance, an import from the command line)
/// is published as a new snapshot, a curation write as a delta and an import as a fresh load, and every read then
/// answers exactly as a fresh load of the file would.
/// </summary>
public sealed class FollowingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string File => _folder.File("store.db");

    private async Task<(SqliteGraphStore Follower, SqliteGraphStore Writer)> OpenPairAsync(
        TimeSpan? followEvery = null, int compactAbove = SqliteGraphStore.DefaultCompactAbove)
    {
        var writer = SqliteGraphStore.Open(File, compactAbove: compactAbove);
        await writer.ImportAsync(ContractGraph.Document);
        return (SqliteGraphStore.Open(File, followEvery, compactAbove), writer);
    }

    private static ChangeSet Change(params Change[] changes) => new("key:test", changes);

    [Fact]
    public async Task Another_stores_curation_write_is_published_as_a_delta_of_the_snapshot()
    {
        var (follower, writer) = await OpenPairAsync();
        using var _ = follower;
        using var __ = writer;
        var before = follower.Snapshot;
        var announced = 0;
        follower.ChangeCommitted += () => announced++;

        await writer.ApplyAsync(Change(new AddAlias(new Alias("Cloud Platform Specialist", "cloud-engineer"))));
        Assert.Same(before, follower.Snapshot);

        Assert.True(await follower.CatchUpAsync());
        var after = follower.Snapshot;
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(["cloud-engineer"], after.Resolve("cloud platform specialist", null, everyMeaning: false).Select(n => n.Id));
        // A delta: the parts the alias does not touch are the very objects of the snapshot before.
        Assert.Same(before.Paths, after.Paths);
        Assert.Same(before.Edges("python", EdgeKind.Requires, Direction.Incoming), after.Edges("python", EdgeKind.Requires, Direction.Incoming));
        Assert.Equal(1, announced);
        Assert.False(await follower.CatchUpAsync());
        Assert.Equal(1, announced);
    }

    [Fact]
    public async Task Another_stores_import_is_loaded_afresh_and_the_old_snapshot_still_answers_as_before()
    {
        var (follower, writer) = await OpenPairAsync();
        using var _ = follower;
        using var __ = writer;
        var before = follower.Snapshot;

        await writer.ImportAsync(new GraphDocument(
            [new Career("prompt-engineer", "Prompt Engineer") { Source = "test" }], [], [],
            [new Edge("prompt-engineer", "python", EdgeKind.Requires) { Importance = 0.8, Core = true }],
            [new Alias("Prompt Designer", "prompt-engineer")]));

        Assert.True(await follower.CatchUpAsync());
        var after = follower.Snapshot;
        Assert.Equal("Prompt Engineer", after.Node("prompt-engineer")?.Name);
        Assert.Contains(after.Edges("python", EdgeKind.Requires, Direction.Incoming), e => e.Source == "prompt-engineer");
        Assert.NotSame(before.Paths, after.Paths);
        Assert.Null(before.Node("prompt-engineer"));
        Assert.Empty(before.Resolve("Prompt Designer", null, everyMeaning: true));
    }

    [Fact]
    public async Task The_timer_publishes_another_stores_write_without_being_asked()
    {
        var (follower, writer) = await OpenPairAsync(TimeSpan.FromMilliseconds(50));
        using var _ = follower;
        using var __ = writer;
        var announced = new TaskCompletionSource();
        follower.ChangeCommitted += () => announced.TrySetResult();

        await writer.ApplyAsync(Change(new CreateNode(new Skill("rust", "Rust") { Category = "Language" })));

        await announced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Rust", follower.Snapshot.Node("rust")?.Name);
    }

    [Fact]
    public async Task A_write_is_planned_against_what_another_store_committed_first()
    {
        var (follower, writer) = await OpenPairAsync();
        using var _ = follower;
        using var __ = writer;

        await writer.ApplyAsync(Change(new CreateNode(new Career("prompt-engineer", "Prompt Engineer"))));
        // The follower has not looked yet: its write catches up inside its own transaction, so the career is there to link.
        await follower.ApplyAsync(Change(new PutEdge(new Edge("prompt-engineer", "python", EdgeKind.Requires) { Importance = 0.9, Core = true })));
        var refused = await Assert.ThrowsAsync<GraphRuleException>(() =>
            follower.ApplyAsync(Change(new CreateNode(new Career("prompt-engineer", "Prompt Engineer again")))));
        Assert.Contains(refused.Violations, v => v.Code == RuleCodes.DuplicateId);

        using var fresh = FreshLoad.Open(File);
        Assert.Equal(Json(fresh.Snapshot.Document), Json(follower.Snapshot.Document));
    }

    [Fact]
    public async Task The_audit_trail_shows_only_the_changes_the_snapshot_holds()
    {
        var (follower, writer) = await OpenPairAsync();
        using var _ = follower;
        using var __ = writer;
        var all = new AuditQuery { First = 100 };

        var receipt = await writer.ApplyAsync(Change(new AddAlias(new Alias("Cloud Platform Specialist", "cloud-engineer"))));
        Assert.Empty(await follower.GetAuditAsync(all));

        await follower.CatchUpAsync();
        Assert.Equal(receipt.Entries.Select(e => e.Sequence), (await follower.GetAuditAsync(all)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task After_many_random_writes_by_another_store_every_read_matches_a_fresh_load()
    {
        var (follower, writer) = await OpenPairAsync();
        using var _ = follower;
        using var __ = writer;
        await WriteAtRandomAsync(writer, follower, writes: 400);

        using var fresh = FreshLoad.Open(File);
        await SameReads.AssertAsync(fresh, follower, Words);
        await SameReads.AssertAsync(fresh, writer, Words);
    }

    [Fact]
    public async Task Snapshots_compacted_in_the_background_while_writes_go_on_read_like_a_fresh_load()
    {
        // A small bound: the overlays pass it every few writes, so bases are rebuilt while writes and deltas go on.
        var (follower, writer) = await OpenPairAsync(compactAbove: 24);
        using var _ = follower;
        using var __ = writer;
        // A rebuild takes as long as many writes: writes go on until both stores have rebuilt their bases a few times.
        for (var round = 0; round < 30 && (writer.Compactions <= 3 || follower.Compactions <= 3); round++)
            await WriteAtRandomAsync(writer, follower, writes: 100, seed: round);
        await writer.Compacting;
        await follower.Compacting;

        Assert.True(writer.Compactions > 3, $"the writer compacted {writer.Compactions} times");
        Assert.True(follower.Compactions > 3, $"the follower compacted {follower.Compactions} times");
        using var fresh = FreshLoad.Open(File);
        Assert.Equal(0, fresh.Snapshot.OverlaySize);
        await SameReads.AssertAsync(fresh, follower, Words);
        await SameReads.AssertAsync(fresh, writer, Words);
    }

    /// <summary>Random curation writes through <paramref name="writer"/>, with <paramref name="follower"/> catching up and writing now and then.</summary>
    private static async Task WriteAtRandomAsync(SqliteGraphStore writer, SqliteGraphStore follower, int writes, int seed = 23)
    {
        var random = new Random(seed);
        var accepted = 0;
        for (var i = 0; i < writes; i++)
        {
            try
            {
                await writer.ApplyAsync(Change(RandomChanges(writer.Snapshot, random, i)));
                accepted++;
            }
            catch (GraphRuleException)
            {
                // A refused change stores nothing; the follower must still agree.
            }
            // Sometimes one write at a time, sometimes several together, sometimes the follower writes itself.
            if (random.Next(4) == 0) await follower.CatchUpAsync();
            if (random.Next(25) == 0 && writer.Snapshot.Document.Skills.FirstOrDefault() is { } skill)
                await follower.ApplyAsync(Change(new AddAlias(new Alias($"Follower Alias {i}", skill.Id))));
        }
        await follower.CatchUpAsync();
        Assert.True(accepted > writes / 2, $"only {accepted} of the random writes were accepted");
    }

    /// <summary>One to three random curation operations on nodes that exist (or on new ones).</summary>
    private static Change[] RandomChanges(GraphIndex graph, Random random, int step)
    {
        var nodes = graph.Document.Nodes.ToList();
        var careers = graph.Document.Careers.Select(c => c.Id).ToList();
        var skills = graph.Document.Skills.Select(s => s.Id).ToList();
        T Any<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        Change NewCareer() => new CreateNode(new Career($"career-{step}-{random.Next(1000)}", $"Career {step} {Any(Words)}") { Description = Any(Words), Categories = [Any(Words)] });
        Change NewSkill() => new CreateNode(new Skill($"skill-{step}-{random.Next(1000)}", $"{Any(Words)} Skill {step}") { Category = Any(Words), Hot = random.Next(2) == 0 });
        // Deletes and merges take nodes away: new ones keep the graph from emptying.
        Change One() => careers.Count < 8 ? NewCareer() : skills.Count < 8 ? NewSkill() : random.Next(12) switch
        {
            0 => NewCareer(),
            1 => NewSkill(),
            2 => Any(nodes) switch
            {
                Career c => new UpdateNode(c with { Name = $"{Any(Words)} {c.Id}", Description = Any(Words), IsSpecialisation = false }),
                Skill s => new UpdateNode(s with { Name = $"{Any(Words)} {s.Id}", Hot = !s.Hot }),
                var other => new UpdateNode(other),
            },
            3 => new DeleteNode(Any(nodes).Id),
            4 or 5 => new PutEdge(new Edge(Any(careers), Any(skills), EdgeKind.Requires) { Importance = Math.Round(random.NextDouble(), 2), Core = random.Next(2) == 0 }),
            6 => new PutEdge(new Edge(Any(careers), Any(careers), EdgeKind.SeeAlso) { Weight = Math.Round(0.1 + random.NextDouble() * 0.9, 2), Tier = 1 + random.Next(2) }),
            7 => new PutEdge(new Edge(Any(careers), Any(careers), EdgeKind.SpecialisationOf)),
            8 => new AddAlias(new Alias($"{Any(Words)} {Any(Words)}", Any(nodes).Id)),
            9 or 10 => Any(nodes) is var node && graph.AliasesOf(node.Id) is { Count: > 0 } aliases
                ? new RemoveAlias(Any(aliases))
                : graph.Edges(node.Id, EdgeKind.Requires, Direction.Outgoing) is { Count: > 0 } edges && Any(edges) is var edge
                    ? new RemoveEdge(edge.Source, edge.Kind, edge.Target)
                    : new AddAlias(new Alias(Any(Words), node.Id)),
            _ => new MergeCareers(Any(careers), Any(careers)),
        };
        return [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => One())];
    }

    private static readonly string[] Words = ["Data", "Cloud", "Platform", "Robot", "Quantum", "Ledger", "Vision", "Signal", "Pipeline", "Model"];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    public void Dispose() => _folder.Dispose();
}
