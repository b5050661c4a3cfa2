using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// The snapshot file beside the database lets a start skip reading the tables, and is never trusted over them: a
/// file of another format, of another database, of another import or cut short is ignored (and written anew), and
/// one behind by curation writes is brought up to date from the audit trail.
/// </summary>
public sealed class SnapshotFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string File => _folder.File("store.db");
    private string SnapshotPath => SnapshotFile.PathFor(Path.GetFullPath(File));

    private static ChangeSet Change(params Change[] changes) => new("key:test", changes);

    private async Task SeedAsync(string? file = null)
    {
        using var store = SqliteGraphStore.Open(file ?? File);
        await store.ImportAsync(ContractGraph.Document);
    }

    [Fact]
    public async Task A_store_writes_the_file_and_the_next_start_reads_the_same_graph_from_it()
    {
        await SeedAsync();
        Assert.True(System.IO.File.Exists(SnapshotPath));

        using var fromFile = SqliteGraphStore.Open(File);
        Assert.True(fromFile.LoadedFromSnapshotFile);
        using var fromTables = FreshLoad.Open(File);
        Assert.False(fromTables.LoadedFromSnapshotFile);
        await SameReads.AssertAsync(fromTables, fromFile);
    }

    [Fact]
    public async Task A_file_behind_by_curation_writes_is_brought_up_to_date_from_the_audit_trail()
    {
        await SeedAsync();
        using (var writer = SqliteGraphStore.Open(File))
        {
            await writer.ApplyAsync(Change(new AddAlias(new Alias("Cloud Platform Specialist", "cloud-engineer"))));
            await writer.ApplyAsync(Change(new DeleteNode("marine-engineer")));
        }

        using var started = SqliteGraphStore.Open(File);
        Assert.True(started.LoadedFromSnapshotFile);
        Assert.Equal(["cloud-engineer"], started.Snapshot.Resolve("cloud platform specialist", null, everyMeaning: false).Select(n => n.Id));
        Assert.Null(started.Snapshot.Node("marine-engineer"));
        using var fromTables = FreshLoad.Open(File);
        await SameReads.AssertAsync(fromTables, started);
    }

    [Fact]
    public async Task A_file_from_before_the_last_import_is_ignored()
    {
        await SeedAsync();
        var stale = await System.IO.File.ReadAllBytesAsync(SnapshotPath);
        using (var importer = SqliteGraphStore.Open(File))
            await importer.ImportAsync(new GraphDocument([new Career("qubit-engineer", "Qubit Engineer")], [], [], [], []));
        await System.IO.File.WriteAllBytesAsync(SnapshotPath, stale);

        using var started = SqliteGraphStore.Open(File);
        Assert.False(started.LoadedFromSnapshotFile);
        Assert.NotNull(started.Snapshot.Node("qubit-engineer"));
    }

    [Fact]
    public async Task A_file_of_another_database_is_ignored_even_when_its_marks_agree()
    {
        var other = _folder.File("other.db");
        await SeedAsync(other);
        using (var store = SqliteGraphStore.Open(File))
            await store.ImportAsync(new GraphDocument([new Career("qubit-engineer", "Qubit Engineer")], [], [], [], []));
        // Both files saw one import and no curation: only the identity tells them apart.
        System.IO.File.Copy(SnapshotFile.PathFor(Path.GetFullPath(other)), SnapshotPath, overwrite: true);

        using var started = SqliteGraphStore.Open(File);
        Assert.False(started.LoadedFromSnapshotFile);
        Assert.Equal(["qubit-engineer"], started.Snapshot.Document.Nodes.Select(n => n.Id));
    }

    [Fact]
    public async Task A_file_of_an_older_format_is_ignored()
    {
        await SeedAsync();
        using (var store = SqliteGraphStore.Open(File))
        {
            var saved = SnapshotFile.Read(SnapshotPath)!;
            // The same graph with a node missing, written as another format would be: if it were read, it would show.
            var document = saved.Document with { Careers = [.. saved.Document.Careers.Where(c => c.Id != "cloud-engineer")] };
            SnapshotFile.Write(SnapshotPath, saved.Marks, document with { Edges = [.. document.Edges.Where(e => e.Source != "cloud-engineer" && e.Target != "cloud-engineer")], Aliases = [.. document.Aliases.Where(a => a.TargetId != "cloud-engineer")] }, saved.Redirects, SnapshotFile.Format - 1);
        }

        using var started = SqliteGraphStore.Open(File);
        Assert.False(started.LoadedFromSnapshotFile);
        Assert.NotNull(started.Snapshot.Node("cloud-engineer"));
    }

    [Fact]
    public async Task A_truncated_or_damaged_file_is_ignored_and_written_anew()
    {
        await SeedAsync();
        var whole = await System.IO.File.ReadAllBytesAsync(SnapshotPath);
        foreach (var damaged in new[] { whole[..(whole.Length / 2)], whole[..7], [], Flip(whole, whole.Length / 3) })
        {
            await System.IO.File.WriteAllBytesAsync(SnapshotPath, damaged);
            using (var started = SqliteGraphStore.Open(File))
            {
                Assert.False(started.LoadedFromSnapshotFile);
                Assert.Equal(ContractGraph.Document.Nodes.Count(), started.Snapshot.Document.Nodes.Count());
            }
            // The store wrote the file again on its way (and finished before it closed): the next start reads it.
            using var next = SqliteGraphStore.Open(File);
            Assert.True(next.LoadedFromSnapshotFile);
        }
    }

    [Fact]
    public async Task A_store_told_not_to_keep_the_file_neither_reads_nor_writes_it()
    {
        using (var store = SqliteGraphStore.Open(File, snapshotFile: false))
            await store.ImportAsync(ContractGraph.Document);
        Assert.False(System.IO.File.Exists(SnapshotPath));
    }

    [Fact]
    public async Task Rows_changed_behind_the_stores_back_make_the_file_be_ignored()
    {
        await SeedAsync();
        var alias = ContractGraph.Document.Aliases[0];
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={File}"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM aliases WHERE name = $name AND target = $target";
            delete.Parameters.AddWithValue("$name", alias.Name);
            delete.Parameters.AddWithValue("$target", alias.TargetId);
            Assert.Equal(1, delete.ExecuteNonQuery());
        }

        using var started = SqliteGraphStore.Open(File);
        Assert.False(started.LoadedFromSnapshotFile);
        Assert.DoesNotContain(alias, started.Snapshot.AliasesOf(alias.TargetId));
    }

    [Fact]
    public async Task A_compaction_writes_the_file_anew()
    {
        await SeedAsync();
        using (var store = SqliteGraphStore.Open(File, compactAbove: 4))
        {
            for (var i = 0; i < 20; i++)
                await store.ApplyAsync(Change(new AddAlias(new Alias($"Cloud Specialist {i}", "cloud-engineer"))));
            await store.Compacting;
            Assert.True(store.Compactions > 0);
        }

        // Written after curation: it holds some of the writes, and the audit sequence it holds them to.
        var saved = SnapshotFile.Read(SnapshotPath)!;
        Assert.True(saved.Marks.AuditSequence > 0);
        Assert.Equal(saved.Marks.AuditSequence, saved.Document.Aliases.Count(a => a.Name.StartsWith("Cloud Specialist", StringComparison.Ordinal)));
        using var started = SqliteGraphStore.Open(File);
        Assert.True(started.LoadedFromSnapshotFile);
        Assert.Equal(20, started.Snapshot.AliasesOf("cloud-engineer").Count(a => a.Name.StartsWith("Cloud Specialist", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Nodes of every kind with every field set (by reflection, so a field added to the model later is set too), each
    /// once more with every optional field left out: the file must give back each as it was given (as stored, so
    /// without the derived specialisation flag).
    /// </summary>
    [Fact]
    public void Every_field_of_every_kind_of_node_comes_back_from_the_file()
    {
        GraphNode[] nodes =
        [
            Filled(new Career("career-full", "Career Full")), new Career("career-bare", "Career Bare"),
            Filled(new Skill("skill-full", "Skill Full")), new Skill("skill-bare", "Skill Bare"),
            Filled(new Industry("industry-full", "Industry Full")), new Industry("industry-bare", "Industry Bare"),
        ];
        var document = new GraphDocument([.. nodes.OfType<Career>()], [.. nodes.OfType<Skill>()], [.. nodes.OfType<Industry>()], [], []);

        SnapshotFile.Write(SnapshotPath, new FileMarks(0, 1, "test"), document, new Dictionary<string, string>());
        var read = SnapshotFile.Read(SnapshotPath)!.Document.Nodes.ToDictionary(n => n.Id);

        foreach (var node in nodes) Assert.Equal(SqliteRows.Serialize(node), SqliteRows.Serialize(read[node.Id]));
        Assert.Equal(["Duties 1", "Duties 2"], ((Career)read["career-full"]).Duties);
        Assert.True(((Skill)read["skill-full"]).Hot);
    }

    /// <summary>A node with each settable field given a value of its own that is not the default.</summary>
    private static T Filled<T>(T node) where T : GraphNode
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite && p.Name is not nameof(GraphNode.Id) and not nameof(GraphNode.Name) and not nameof(Career.IsSpecialisation)))
        {
            object value = property.PropertyType switch
            {
                var type when type == typeof(string) => $"{property.Name} of {node.Id} – ünïcode",
                var type when type == typeof(int?) || type == typeof(int) => 4,
                var type when type == typeof(bool) => true,
                var type when type == typeof(IReadOnlyList<string>) => new[] { $"{property.Name} 1", $"{property.Name} 2" },
                var type => throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is of a type this test cannot fill ({type}): give it a value here, and check NodeBinary writes it."),
            };
            property.SetValue(node, value);
        }
        return node;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x5A;
        return copy;
    }

    public void Dispose() => _folder.Dispose();
}
