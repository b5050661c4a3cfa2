using System.Text;
using System.Xml.Linq;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Formats;
using CareerGraph.Interchange.Onet;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Neo4j;

namespace CareerGraph.Tests.Interchange;

/// <summary>The export formats, on the curated seeds merged with the mini O*NET fixture.</summary>
public sealed class ExportFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private static readonly GraphDocument Graph = Merged();

    private static GraphDocument Merged()
    {
        var seeds = SeedFiles.Read(RepoPaths.Seeds);
        var onet = OnetMapping.ToGraph(OnetDatabase.Read(OnetFixtures.Mini), seeds).Document;
        return new GraphDocument(
            [.. seeds.Careers, .. onet.Careers], [.. seeds.Skills, .. onet.Skills], [.. seeds.Industries, .. onet.Industries],
            [.. seeds.Edges, .. onet.Edges], [.. seeds.Aliases, .. onet.Aliases]);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_graph_exported_as_json_and_imported_into_an_empty_store_is_the_same_graph()
    {
        using var original = SqliteGraphStore.Open(_folder.File("original.db"));
        await original.ImportAsync(Graph);
        var exported = await original.ExportAsync();

        var file = _folder.File("graph.json");
        GraphExport.Write(exported, GraphFormat.Json, file);
        GraphDocument read;
        using (var stream = File.OpenRead(file)) read = JsonGraph.Read(stream, "graph.json");
        using var copy = SqliteGraphStore.Open(_folder.File("copy.db"));
        var result = await copy.ImportAsync(read);

        Assert.Equal(GraphJson.Of(exported), GraphJson.Of(await copy.ExportAsync()));
        Assert.Equal(exported.Careers.Count + exported.Skills.Count + exported.Industries.Count + exported.Edges.Count + exported.Aliases.Count, result!.Created);
        Assert.Contains(exported.Careers, c => c.IsSpecialisation);
    }

    [Fact]
    public async Task Importing_the_same_graph_twice_changes_nothing()
    {
        using var store = SqliteGraphStore.Open(_folder.File("twice.db"));
        await store.ImportAsync(Graph);
        var before = GraphJson.Of(await store.ExportAsync());
        var again = await store.ImportAsync(Graph);
        Assert.Equal((0, 0), (again!.Created, again.Updated));
        Assert.Equal(before, GraphJson.Of(await store.ExportAsync()));
    }

    [Fact]
    public void A_json_graph_with_an_unknown_kind_is_refused_with_the_place_of_the_problem()
    {
        const string json = """{ "nodes": [ { "id": "x", "kind": "Planet", "name": "X" } ], "edges": [ { "source": "x", "target": "y", "type": "ORBITS" } ] }""";
        var error = Assert.Throws<JsonGraphException>(() => JsonGraph.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "bad.json"));
        Assert.Contains("$.nodes[0].kind: 'Planet' is not a kind of node", error.Message);
        Assert.Contains("$.edges[0].type: 'ORBITS' is not a relationship type", error.Message);
    }

    [Fact]
    public void A_json_graph_with_an_unknown_property_is_refused_with_file_and_line()
    {
        var json = "{\n  \"nodes\": [\n    { \"id\": \"x\", \"kind\": \"Skill\", \"name\": \"X\", \"colour\": \"red\" }\n  ],\n  \"edges\": []\n}";
        var error = Assert.Throws<JsonGraphException>(() => JsonGraph.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "bad.json"));
        Assert.StartsWith("bad.json:", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("two\nlines\ttab", @"'two\nlines\ttab'")]
    [InlineData("bell\u0007", @"'bell\u0007'")]
    [InlineData("Café", "'Café'")]
    public void Cypher_strings_are_quoted_and_escaped(string value, string literal) =>
        Assert.Equal(literal, CypherScript.String(value));

    [Fact]
    public void Cypher_numbers_are_floats_where_the_model_has_floats()
    {
        Assert.Equal("1.0", CypherScript.Literal(1.0));
        Assert.Equal("0.85", CypherScript.Literal(0.85));
        Assert.Equal("3", CypherScript.Literal(3));
        Assert.Equal("['a', 'b\\'c']", CypherScript.Literal(new List<string> { "a", "b'c" }));
    }

    [Fact]
    public void The_cypher_script_runs_the_neo4j_schema_first_then_the_neo4j_backends_merge_statements_in_batches()
    {
        var script = Write(GraphFormat.Cypher);
        var statements = script.Split(";\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(l => !l.StartsWith("//"))).Trim())
            .Where(s => s.Length > 0).ToList();
        var schema = File.ReadAllLines(Path.Combine(RepoPaths.Root, "graph", "schema.cypher"))
            .Where(l => !l.TrimStart().StartsWith("//")).Aggregate("", (all, l) => all + l + "\n")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        Assert.Equal(schema, statements.Take(schema.Count));
        Assert.All(statements.Skip(schema.Count), s => Assert.StartsWith("UNWIND [", s));
        Assert.Contains(statements, s => s.Contains("MERGE (a)-[r:SPECIALISATION_OF]->(b)") && s.EndsWith("SET a:Specialisation\nRETURN outcome, count(*) AS count"));
        Assert.DoesNotContain("$rows", script);

        var order = new[] { "MERGE (n:Career", "MERGE (n:Skill", "MERGE (n:Industry", "MERGE (a:Alias", "MERGE (a)-[r:REQUIRES]", "MERGE (a)-[r:IN_INDUSTRY]", "MERGE (a)-[r:SPECIALISATION_OF]", "MERGE (a)-[r:SEE_ALSO]" };
        var positions = order.Select(o => script.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);

        Assert.Contains("{id: 'onet-15-1252-00', name: 'Software Developers', nameKey: 'software developers', description: 'Design and build computer applications and systems.', duties: ['Core task 01 of a software developer.'", script);
        Assert.Contains("socCode: '15-1252.00', jobZone: 4, source: 'onet'}", script);
        Assert.Contains("{source: 'onet-15-1252-00', target: 'onet-15-1299-08', properties: {weight: 0.9, tier: 1}}", script);
        Assert.Contains("{source: 'onet-15-1252-00', target: 'onet-computer-and-mathematical', properties: {}}", script);
        Assert.Contains("{key: 'cloud engineer', name: 'Cloud Engineer', target: 'onet-15-1252-00'}", script);
        var rows = Graph.Careers.Count + Graph.Skills.Count + Graph.Industries.Count + Graph.Aliases.Count + Graph.Edges.Count;
        Assert.Equal(rows, script.Split('\n').Count(l => l.StartsWith("  {", StringComparison.Ordinal)));
    }

    [Fact]
    public void GraphML_declares_every_key_it_uses_and_carries_kind_and_name()
    {
        var xml = XDocument.Parse(Write(GraphFormat.GraphML));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var keys = xml.Root!.Elements(ns + "key").Select(k => (string)k.Attribute("id")!).ToHashSet();
        var used = xml.Descendants(ns + "data").Select(d => (string)d.Attribute("key")!).ToHashSet();
        Assert.Subset(keys, used);

        var nodes = xml.Descendants(ns + "node").ToList();
        Assert.Equal(Graph.Nodes.Count(), nodes.Count);
        var developers = nodes.Single(n => (string)n.Attribute("id")! == "onet-15-1252-00");
        string Data(XElement element, string key) => (string)element.Elements(ns + "data").Single(d => (string)d.Attribute("key")! == key);
        Assert.Equal("Career", Data(developers, "kind"));
        Assert.Equal("Software Developers", Data(developers, "label"));
        Assert.Equal("4", Data(developers, "jobZone"));
        Assert.Contains("Cloud Engineer", Data(developers, "aliases"));

        var edges = xml.Descendants(ns + "edge").ToList();
        Assert.Equal(Graph.Edges.Count, edges.Count);
        var link = edges.Single(e => (string)e.Attribute("source")! == "onet-15-1252-00" && (string)e.Attribute("target")! == "onet-15-1299-08");
        Assert.Equal(("SEE_ALSO", "0.9", "1"), (Data(link, "type"), Data(link, "weight"), Data(link, "tier")));
    }

    [Fact]
    public void Csv_files_follow_the_neo4j_admin_import_header_format()
    {
        var folder = _folder.File("csv");
        var written = GraphExport.Write(Graph, GraphFormat.Csv, folder);
        string[] Lines(string name) => File.ReadAllLines(Path.Combine(folder, name));

        Assert.Equal("id:ID,:LABEL,name,nameKey,description,duties:string[],categories:string[],socCode,jobZone:int,source", Lines("nodes_careers.csv")[0]);
        Assert.Equal("id:ID,:LABEL,name,nameKey,description,category,hot:boolean,source", Lines("nodes_skills.csv")[0]);
        Assert.Equal(":START_ID,:END_ID,:TYPE,name", Lines("relationships_alias_of.csv")[0]);
        Assert.Equal(":ID,:LABEL,key,name", Lines("nodes_aliases.csv")[0]);
        Assert.Equal(":START_ID,:END_ID,:TYPE,importance:double,core:boolean", Lines("relationships_requires.csv")[0]);
        Assert.Equal(":START_ID,:END_ID,:TYPE,weight:double,tier:int,reason", Lines("relationships_see_also.csv")[0]);
        Assert.Equal(Graph.Careers.Count + 1, Lines("nodes_careers.csv").Length);
        Assert.Equal(Graph.Edges.Count(e => e.Kind == EdgeKind.SeeAlso) + 1, Lines("relationships_see_also.csv").Length);
        Assert.Equal(Graph.Aliases.Count + 1, Lines("relationships_alias_of.csv").Length);

        Assert.Contains(Lines("nodes_careers.csv"), l => l.StartsWith("mlops-engineer,Career|Specialisation,MLOps Engineer,mlops engineer,", StringComparison.Ordinal));
        Assert.Contains("onet-15-1252-00,onet-15-1299-08,SEE_ALSO,0.9,1,", Lines("relationships_see_also.csv"));
        Assert.Contains("onet-architecture-and-engineering,Industry,Architecture and Engineering,architecture and engineering,\"O*NET occupation family: SOC major group 17-0000, Architecture and Engineering Occupations.\",onet",
            Lines("nodes_industries.csv"));
        Assert.Contains(Lines("nodes_careers.csv"), l => l.Contains("\"Research, design and test computer hardware.\""));

        var script = File.ReadAllText(Path.Combine(folder, "import.sh"));
        Assert.Contains("neo4j-admin database import full", script);
        Assert.All(written.Where(f => f.EndsWith(".csv")), f => Assert.Contains("=" + Path.GetFileName(f) + " ", script));
        Assert.Contains("--array-delimiter='|'", script);
    }

    [Fact]
    public void The_dumps_write_every_node_with_the_properties_the_neo4j_store_writes()
    {
        var script = Write(GraphFormat.Cypher);
        var folder = _folder.File("csv");
        GraphExport.Write(Graph, GraphFormat.Csv, folder);
        var careerHeader = File.ReadAllLines(Path.Combine(folder, "nodes_careers.csv"))[0].Split(',').Select(c => c.Split(':')[0]).ToHashSet();

        foreach (var node in Graph.Nodes)
        {
            var stored = GraphRecords.PropertiesOf(node);
            Assert.Contains(CypherScript.MapLiteral(stored.Select(p => (p.Key, (object?)p.Value))), script);
            if (node is Career) Assert.Subset(careerHeader, stored.Keys.ToHashSet());
        }
    }

    private string Write(GraphFormat format)
    {
        var file = _folder.File("graph." + format.ToString().ToLowerInvariant());
        GraphExport.Write(Graph, format, file);
        return File.ReadAllText(file);
    }
}
