using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// An index read from a snapshot file keeps the edges and aliases as the file holds them (<see cref="EdgeTable"/>,
/// <see cref="AliasTable"/>) and makes each when first read: every read answers as the index built from the same graph
/// in memory, whatever order the edges come in, before and after changes, and an edge or alias is made once, whichever
/// way it is reached.
/// </summary>
public sealed class SnapshotTableTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Ids whose ordinal order is not the order they are given in, and ids that are prefixes of others.
    private static readonly string[] CareerIds = ["z-career", "a", "a-b", "ab", "é-career", "A", "career-10", "career-9", "m"];
    private static readonly string[] SkillIds = ["python", "py", "r", "Zeta", "ä-skill", "c++", "c"];
    private static readonly string[] IndustryIds = ["tech", "health"];

    private static GraphDocument RandomGraph(int seed)
    {
        var random = new Random(seed);
        var edges = new List<Edge>();
        foreach (var career in CareerIds)
        {
            foreach (var skill in SkillIds.Where(_ => random.Next(3) > 0))
                edges.Add(new Edge(career, skill, EdgeKind.Requires) { Importance = random.Next(101) / 100.0, Core = random.Next(2) == 0 });
            foreach (var other in CareerIds.Where(o => o != career && random.Next(3) == 0))
            {
                // Reasons long enough to need two bytes for their length, and with characters of several bytes.
                var reason = random.Next(3) switch { 0 => null, 1 => "shares «job titles» — ✓", _ => new string('r', 130 + random.Next(50)) };
                edges.Add(new Edge(career, other, EdgeKind.SeeAlso) { Weight = random.Next(1, 101) / 100.0, Tier = random.Next(1, 4), Reason = reason });
            }
            if (random.Next(3) == 0) edges.Add(new Edge(career, IndustryIds[random.Next(IndustryIds.Length)], EdgeKind.InIndustry));
        }
        edges.Add(new Edge("a-b", "a", EdgeKind.SpecialisationOf));
        edges.Add(new Edge("career-10", "career-9", EdgeKind.SpecialisationOf));
        return new GraphDocument(
            [.. CareerIds.Select(id => new Career(id, $"Career {id}"))],
            [.. SkillIds.Select(id => new Skill(id, $"Skill {id}"))],
            [.. IndustryIds.Select(id => new Industry(id, $"Industry {id}"))],
            [.. edges.OrderBy(_ => random.Next())],
            RandomAliases(random));
    }

    // Names whose keys are equal ("Data Engineer", " data  engineer"), prefixes of others, or outside ASCII; "Σ" and "σ"
    // share a key, "ﬁ" is a ligature.
    private static readonly string[] AliasNames = ["Data Engineer", " data  engineer", "Data", "data eng", "Ångström", "ﬁnance", "Σ", "σ", "Zed", "a"];

    private static List<Alias> RandomAliases(Random random)
    {
        var targets = CareerIds.Concat(SkillIds).ToArray();
        // One alias per key and target, as the database keeps them; in the order the database lists them (key, then target).
        return [.. Enumerable.Range(0, 40).Select(_ => new Alias(AliasNames[random.Next(AliasNames.Length)], targets[random.Next(targets.Length)]))
            .DistinctBy(a => (a.Key, a.TargetId))
            .OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.TargetId, StringComparer.Ordinal)];
    }

    private GraphIndex FromFile(GraphDocument document)
    {
        var path = _folder.File($"{Guid.NewGuid():N}.snapshot");
        SnapshotFile.Write(path, new FileMarks(0, 0, "test"), document, new Dictionary<string, string>());
        var read = SnapshotFile.Read(path);
        Assert.NotNull(read);
        Assert.IsType<EdgeTable>(read.Document.Edges);
        return new GraphIndex(read.Document);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_index_read_from_the_file_answers_every_edge_read_as_one_built_in_memory(int seed)
    {
        var document = RandomGraph(seed);
        var inMemory = new GraphIndex(document);
        var fromFile = FromFile(document);

        // Before any edge is made, and again once all are.
        Assert.Equal(inMemory.Counts, fromFile.Counts);
        foreach (var id in CareerIds.Concat(SkillIds).Concat(IndustryIds).Append("nobody"))
            foreach (var kind in Enum.GetValues<EdgeKind>())
                foreach (var direction in Enum.GetValues<Direction>())
                    Assert.Equal(inMemory.Edges(id, kind, direction), fromFile.Edges(id, kind, direction));
        Assert.Equal(document.Edges, fromFile.Document.Edges);
        Assert.Equal(inMemory.Stats().Edges, fromFile.Stats().Edges);
        Assert.Equal(inMemory.FindCareers(new CareerQuery(new PageRequest(0, 100)) { IsSpecialisation = true }).Items.Select(c => c.Id),
            fromFile.FindCareers(new CareerQuery(new PageRequest(0, 100)) { IsSpecialisation = true }).Items.Select(c => c.Id));
        foreach (var from in CareerIds)
            foreach (var to in CareerIds)
            {
                var query = new PathQuery(from, to) { K = 3 };
                Assert.Equal(inMemory.Paths.Find(query).Select(p => string.Join(" ", p.Edges.Select(e => e.Id))),
                    fromFile.Paths.Find(query).Select(p => string.Join(" ", p.Edges.Select(e => e.Id))));
            }
    }

    // Careers linked with a few weights only, so that many paths tie and the order of each career's links decides which
    // is found first: the order of the edges' ids, where "a-b|SEE_ALSO|m" comes before "a|SEE_ALSO|m". Ids holding the
    // separator '|' itself are ordered by comparing the edges instead.
    [Theory]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void Paths_that_tie_are_found_in_the_same_order_from_the_file_as_in_memory(int seed, bool separatorInIds)
    {
        string[] careers = separatorInIds ? [.. CareerIds, "a|B", "m|", "m|A"] : CareerIds;
        var random = new Random(seed);
        double?[] weights = [null, 1.0, 0.5];
        Edge RandomEdge(string source, string target) => random.Next(5) == 0
            ? new Edge(source, target, EdgeKind.SpecialisationOf)
            : new Edge(source, target, EdgeKind.SeeAlso) { Weight = weights[random.Next(weights.Length)] };
        var edges = careers.SelectMany(source => careers.Where(target => target != source && random.Next(3) == 0).Select(target => RandomEdge(source, target)))
            .DistinctBy(e => e.Id).OrderBy(_ => random.Next());
        var document = new GraphDocument([.. careers.Select(id => new Career(id, $"Career {id}"))], [], [], [.. edges], []);
        var inMemory = new GraphIndex(document);
        var fromFile = FromFile(document);
        AssertSamePaths(inMemory, fromFile, careers);

        // And after curation writes, which relink the careers they touch, as a fresh load of the graph they leave.
        for (var write = 0; write < 10; write++)
        {
            var source = careers[random.Next(careers.Length)];
            var target = careers.Where(c => c != source).ElementAt(random.Next(careers.Length - 1));
            var put = new Edge(source, target, EdgeKind.SeeAlso) { Weight = weights[random.Next(weights.Length)] };
            Change change = inMemory.Find(put) is null ? new PutEdge(put) : new RemoveEdge(source, put.Kind, target);
            var plan = ChangePlanner.Plan(new ChangeSet("key:test", [change]), inMemory);
            (inMemory, fromFile) = (inMemory.With(plan), fromFile.With(plan));
        }
        AssertSamePaths(new GraphIndex(inMemory.Document), fromFile, careers);
    }

    private static void AssertSamePaths(GraphIndex expected, GraphIndex actual, string[] careers)
    {
        foreach (var from in careers)
            foreach (var to in careers)
            {
                var query = new PathQuery(from, to) { K = 4 };
                Assert.Equal(expected.Paths.Find(query).Select(p => string.Join(" ", p.Edges.Select(e => e.Id))),
                    actual.Paths.Find(query).Select(p => string.Join(" ", p.Edges.Select(e => e.Id))));
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Ranks_are_places_in_ordinal_order_however_many_runs_the_strings_come_in(int runs)
    {
        var random = new Random(runs);
        // Ids as the file holds them: runs each in ordinal order, with '-' and '|', which sort before and after the letters.
        var strings = Enumerable.Range(0, runs)
            .SelectMany(run => Enumerable.Range(0, random.Next(0, 60)).Select(_ => new string((char)('a' + random.Next(3)), random.Next(1, 4)) + (random.Next(3) switch { 0 => "", 1 => "-b", _ => "|" }) + run)
                .Distinct().Order(StringComparer.Ordinal))
            .ToArray();
        var sorted = strings.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(strings.Select(s => sorted.IndexOf(s)), EdgeTable.RanksOf(strings));
    }

    [Fact]
    public void An_edge_is_made_once_however_it_is_reached()
    {
        var fromFile = FromFile(RandomGraph(4));
        var outgoing = fromFile.Edges("a", EdgeKind.SeeAlso, Direction.Outgoing);
        Assert.NotEmpty(outgoing);
        Assert.Same(outgoing, fromFile.Edges("a", EdgeKind.SeeAlso, Direction.Outgoing));
        foreach (var edge in outgoing)
            Assert.Same(edge, fromFile.Edges(edge.Target, EdgeKind.SeeAlso, Direction.Incoming).Single(e => e.Source == "a"));
    }

    [Fact]
    public void A_section_naming_a_node_the_file_does_not_hold_is_refused()
    {
        // One edge: source 0, target 5 (of two nodes), kind 0, no properties.
        byte[] section = [1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0];
        Assert.Throws<FormatException>(() => EdgeTable.Read(section, new NodeNumbers(["a", "b"]), [EdgeKind.Requires]));
        section[8] = 1;
        Assert.Equal(new Edge("a", "b", EdgeKind.Requires), Assert.Single(EdgeTable.Read(section, new NodeNumbers(["a", "b"]), [EdgeKind.Requires])));
        Assert.Throws<FormatException>(() => EdgeTable.Read(section[..^1], new NodeNumbers(["a", "b"]), [EdgeKind.Requires]));
        Assert.Throws<FormatException>(() => EdgeTable.Read([.. section, 0], new NodeNumbers(["a", "b"]), [EdgeKind.Requires]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_index_read_from_the_file_answers_every_alias_read_as_one_built_in_memory(int seed)
    {
        var document = RandomGraph(seed);
        var fromFile = FromFile(document);
        Assert.IsType<AliasTable>(fromFile.Document.Aliases);
        var inMemory = new GraphIndex(document);
        AssertSameAliasReads(inMemory, fromFile, document);

        // And after curation writes, which lay an overlay over the groups read in place.
        var random = new Random(seed);
        for (var write = 0; write < 10; write++)
        {
            var alias = new Alias(AliasNames[random.Next(AliasNames.Length)] + (write % 2 == 0 ? "" : " II"), CareerIds[random.Next(CareerIds.Length)]);
            Change change = inMemory.Find(alias) is null ? new AddAlias(alias) : new RemoveAlias(alias);
            var plan = ChangePlanner.Plan(new ChangeSet("key:test", [change]), inMemory);
            (inMemory, fromFile) = (inMemory.With(plan), fromFile.With(plan));
        }
        AssertSameAliasReads(inMemory, fromFile, document);
        Assert.Equal(inMemory.Document.Aliases, fromFile.Document.Aliases);
    }

    private static void AssertSameAliasReads(GraphIndex expected, GraphIndex actual, GraphDocument document)
    {
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal((expected.Stats().AliasNames, expected.Stats().AliasLinks), (actual.Stats().AliasNames, actual.Stats().AliasLinks));
        foreach (var id in CareerIds.Concat(SkillIds).Append("nobody"))
            Assert.Equal(expected.AliasesOf(id), actual.AliasesOf(id));
        foreach (var name in AliasNames.Concat(AliasNames.Select(n => n + " II")).Concat(["DATA ENGINEER", "ﬁ", "nobody", ""]))
        {
            // Compared by id: nodes read back from a file hold lists where the graph in memory held arrays.
            Assert.Equal(expected.Resolve(name, null, everyMeaning: true).Select(n => n.Id), actual.Resolve(name, null, everyMeaning: true).Select(n => n.Id));
            Assert.Equal(expected.Resolve(name, NodeKind.Skill, everyMeaning: false).Select(n => n.Id), actual.Resolve(name, NodeKind.Skill, everyMeaning: false).Select(n => n.Id));
        }
        foreach (var alias in document.Aliases) Assert.Equal(expected.Find(alias), actual.Find(alias));
    }

    [Fact]
    public void A_file_whose_keys_the_bytes_do_not_order_as_text_is_read_into_aliases()
    {
        // "\U0001F600" orders after "\uFB01" by UTF-8 bytes and before it by UTF-16 code units.
        var document = RandomGraph(5) with { Aliases = [new Alias("ﬁ", "a"), new Alias("\U0001F600", "a"), new Alias("\U0001F600", "m")] };
        var fromFile = FromFile(document);
        Assert.IsNotType<AliasTable>(fromFile.Document.Aliases);
        AssertSameAliasReads(new GraphIndex(document), fromFile, document);
    }

    [Fact]
    public void An_alias_is_made_once_however_it_is_reached()
    {
        var fromFile = FromFile(RandomGraph(6));
        var alias = fromFile.Document.Aliases[0];
        var ofTarget = fromFile.AliasesOf(alias.TargetId);
        Assert.Same(ofTarget, fromFile.AliasesOf(alias.TargetId));
        Assert.Same(ofTarget.Single(a => a.Key == alias.Key), fromFile.Find(alias));
    }

    public void Dispose() => _folder.Dispose();
}
