using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// A write derives the next snapshot from the one before, touching only what the change touches: what it leaves
/// alone is the very same object in both snapshots, and the result reads exactly like a fresh load of the file.
/// </summary>
public sealed class SnapshotUpdateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<SqliteGraphStore> OpenSeededAsync()
    {
        var store = SqliteGraphStore.Open(_folder.File("store.db"));
        await store.ImportAsync(ContractGraph.Document);
        return store;
    }

    private static ChangeSet Change(params Change[] changes) => new("key:test", changes);

    [Fact]
    public async Task Adding_an_alias_shares_every_part_of_the_snapshot_it_does_not_touch()
    {
        using var store = await OpenSeededAsync();
        var before = store.Snapshot;

        await store.ApplyAsync(Change(new AddAlias(new Alias("Cloud Platform Engineer", "cloud-engineer"))));
        var after = store.Snapshot;

        Assert.Equal(before.Version + 1, after.Version);
        foreach (var id in new[] { "machine-learning-engineer", "mlops-engineer", "python", "kubernetes" })
        {
            foreach (var kind in Enum.GetValues<EdgeKind>())
            {
                Assert.Same(before.Edges(id, kind, Direction.Outgoing), after.Edges(id, kind, Direction.Outgoing));
                Assert.Same(before.Edges(id, kind, Direction.Incoming), after.Edges(id, kind, Direction.Incoming));
            }
            Assert.Same(before.AliasesOf(id), after.AliasesOf(id));
            Assert.Same(before.NodesNamed(Names.Key(before.Node(id)!.Name)), after.NodesNamed(Names.Key(after.Node(id)!.Name)));
            Assert.Same(before.Search.EntriesOf(id), after.Search.EntriesOf(id));
        }
        Assert.Same(before.Paths, after.Paths);

        // The career named: its other entries are kept as they were, one is new.
        var entries = after.Search.EntriesOf("cloud-engineer");
        Assert.All(before.Search.EntriesOf("cloud-engineer"), kept => Assert.Contains(kept, entries));
        Assert.Equal("Cloud Platform Engineer", Assert.Single(entries, e => !before.Search.EntriesOf("cloud-engineer").Contains(e)).Text);
        Assert.Contains(after.AliasesOf("cloud-engineer"), a => a.Name == "Cloud Platform Engineer");
        Assert.DoesNotContain(before.AliasesOf("cloud-engineer"), a => a.Name == "Cloud Platform Engineer");
    }

    [Fact]
    public async Task A_new_see_also_edge_rebuilds_only_the_links_of_its_two_careers()
    {
        using var store = await OpenSeededAsync();
        var before = store.Snapshot;

        await store.ApplyAsync(Change(new PutEdge(new Edge("marine-engineer", "data-engineer", EdgeKind.SeeAlso) { Weight = 0.9, Tier = 1 })));
        var after = store.Snapshot;

        Assert.NotSame(before.Edges("marine-engineer", EdgeKind.SeeAlso, Direction.Outgoing), after.Edges("marine-engineer", EdgeKind.SeeAlso, Direction.Outgoing));
        Assert.NotSame(before.Edges("data-engineer", EdgeKind.SeeAlso, Direction.Incoming), after.Edges("data-engineer", EdgeKind.SeeAlso, Direction.Incoming));
        Assert.Same(before.Edges("cloud-engineer", EdgeKind.SeeAlso, Direction.Outgoing), after.Edges("cloud-engineer", EdgeKind.SeeAlso, Direction.Outgoing));
        Assert.Same(before.Search.EntriesOf("marine-engineer"), after.Search.EntriesOf("marine-engineer"));

        var walk = Assert.Single(after.Paths.Find(new PathQuery("marine-engineer", "data-engineer")));
        Assert.Equal(["marine-engineer", "data-engineer"], walk.Careers);
        Assert.DoesNotContain(before.Paths.Find(new PathQuery("marine-engineer", "data-engineer")), w => w.Careers.Count == 2);
    }

    /// <param name="pagedFirst">
    /// Whether careers and skills were paged through before the writes: the writes then derive the name orders from the
    /// ones built, else the orders are built when first asked for, from the snapshot the writes left.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_read_of_a_derived_snapshot_matches_a_fresh_load_of_the_file(bool pagedFirst)
    {
        using var store = await OpenSeededAsync();
        if (pagedFirst)
        {
            Assert.NotEmpty(store.Snapshot.FindCareers(new CareerQuery(new PageRequest(0, 100))).Items);
            Assert.NotEmpty(store.Snapshot.FindSkills(new SkillQuery(new PageRequest(0, 100))).Items);
        }
        await store.ApplyAsync(Change(
            new CreateNode(new Career("llmops-engineer", "LLMOps Engineer") { Duties = ["Run LLMs."] }),
            new PutEdge(new Edge("llmops-engineer", "mlops-engineer", EdgeKind.SpecialisationOf)),
            new PutEdge(new Edge("llmops-engineer", "cloud-engineer", EdgeKind.SeeAlso) { Weight = 0.8, Tier = 1 }),
            new PutEdge(new Edge("llmops-engineer", "kubernetes", EdgeKind.Requires) { Importance = 0.7, Core = true }),
            new AddAlias(new Alias("LLM Ops", "llmops-engineer")),
            new UpdateNode(new Skill("sql", "Structured Query Language") { Category = "Query language" }),
            new RemoveEdge("machine-learning-engineer", EdgeKind.SeeAlso, "marine-engineer"),
            new DeleteNode("opencv")));
        await store.ApplyAsync(Change(new MergeCareers("devops-engineer", "cloud-engineer")));
        await store.ApplyAsync(Change(new DeleteNode("data-engineer"), new CreateNode(new Skill("data-engineer", "Data Engineering"))));

        using var fresh = FreshLoad.Open(_folder.File("store.db"));
        var (derived, loaded) = (store.Snapshot, fresh.Snapshot);
        Assert.Equal(Json(loaded.Stats()), Json(derived.Stats()));
        foreach (var text in new[] { "engineer", "llm ops", "structured query", "pyhton", "kubernets", "sql", "data", "cloud engneer", "e" })
        {
            var query = new SearchQuery(text, new HashSet<NodeKind>(), 50);
            Assert.Equal(Json(loaded.Search.Find(query)), Json(derived.Search.Find(query)));
        }
        Assert.Equal(Json(loaded.FindCareers(new CareerQuery(new PageRequest(0, 100)))), Json(derived.FindCareers(new CareerQuery(new PageRequest(0, 100)))));
        Assert.Equal(Json(loaded.FindCareers(new CareerQuery(new PageRequest(0, 100)) { IsSpecialisation = true })), Json(derived.FindCareers(new CareerQuery(new PageRequest(0, 100)) { IsSpecialisation = true })));
        Assert.Equal(Json(loaded.FindSkills(new SkillQuery(new PageRequest(0, 100)))), Json(derived.FindSkills(new SkillQuery(new PageRequest(0, 100)))));
        Assert.Equal(loaded.RedirectsTo("cloud-engineer"), derived.RedirectsTo("cloud-engineer"));
        Assert.Equal(Json(loaded.Resolve("Data Engineer", null, everyMeaning: true)), Json(derived.Resolve("Data Engineer", null, everyMeaning: true)));
        var walks = new PathQuery("llmops-engineer", "machine-learning-engineer") { K = 3 };
        Assert.Equal(Json(loaded.Paths.Find(walks)), Json(derived.Paths.Find(walks)));
        foreach (var from in new[] { "llmops-engineer", "machine-learning-engineer", "cloud-engineer" })
        {
            var moves = new CareerMovesQuery(from) { First = 20 };
            Assert.Equal(Json(await fresh.FindCareerMovesAsync(moves)), Json(await store.FindCareerMovesAsync(moves)));
        }
        Assert.True(Assert.IsType<Career>(derived.Node("llmops-engineer")).IsSpecialisation);
    }

    [Theory]
    [InlineData("kubernetes", "kubernetes")]
    [InlineData("terraform", "terraform")]
    [InlineData("statistics", "statistics")]
    [InlineData("tensorflow", "tensorflow")]
    [InlineData("docker", "docker")]
    [InlineData("python", "python")]
    public async Task Every_single_typo_of_a_name_still_finds_it(string word, string id)
    {
        using var store = await OpenSeededAsync();
        var typos = Enumerable.Range(0, word.Length).SelectMany(i => new[]
        {
            word.Remove(i, 1),
            word.Remove(i, 1).Insert(i, "x"),
            word.Insert(i, "q"),
            i + 1 < word.Length ? string.Concat(word[..i], word[i + 1], word[i], word[(i + 2)..]) : word,
        }).Where(t => t.Length >= 4).Distinct();

        foreach (var typo in typos)
        {
            var hits = await store.SearchAsync(new SearchQuery(typo, new HashSet<NodeKind>(), 20));
            Assert.True(hits.Any(h => h.Node.Id == id), $"'{typo}' did not find {id}");
        }
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    public void Dispose() => _folder.Dispose();
}
