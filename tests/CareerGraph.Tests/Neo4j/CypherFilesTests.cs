using System.Text.RegularExpressions;
using CareerGraph.Model;
using CareerGraph.Neo4j;
using CareerGraph.Neo4j.Cypher;

namespace CareerGraph.Tests.Neo4j;

/// <summary>The service runs the Cypher of graph/ as written: embedded files, loaded by name, never built.</summary>
public sealed class CypherFilesTests
{
    [Fact]
    public void The_embedded_statements_are_the_files_of_graph_queries_and_the_schema()
    {
        var onDisk = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph", "queries"), "*.cypher")
            .Select(f => "graph/queries/" + Path.GetFileName(f))
            .Append("graph/schema.cypher")
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, CypherFiles.Paths);
        foreach (var path in CypherFiles.Paths.Where(p => p.StartsWith("graph/queries/", StringComparison.Ordinal)))
            Assert.Equal(CypherFilesOnDisk.Text(path), CypherFiles.Query(Path.GetFileNameWithoutExtension(path)).Text);
    }

    [Fact]
    public void Every_statement_asked_for_by_name_is_a_file_and_every_file_is_asked_for()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "CareerGraph.Neo4j");
        var named = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(source, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\bQuery\(""([^""]+)""\)").Select(m => $"graph/queries/{m.Groups[1].Value}.cypher"));
        var byKind = Enum.GetValues<EdgeKind>().SelectMany(k => new[] { CypherFiles.EdgesOf(k).Name, CypherFiles.MergeEdges(k).Name });
        var asked = named.Concat(byKind).ToHashSet();
        var files = CypherFiles.Paths.Where(p => p.StartsWith("graph/queries/", StringComparison.Ordinal)).ToHashSet();

        Assert.Empty(asked.Except(files)); // asked for by a name that is no file in graph/queries
        Assert.Empty(files.Except(asked)); // a file the store never asks for
        Assert.All(asked, path => Assert.Equal(path, CypherFiles.Query(Path.GetFileNameWithoutExtension(path)).Name));
    }

    [Fact]
    public void The_schema_is_applied_one_statement_at_a_time_in_file_order()
    {
        var statements = CypherFiles.Schema();

        Assert.Equal(13, statements.Count);
        Assert.StartsWith("// Constraints and indexes", statements[0].Text);
        Assert.EndsWith("REQUIRE c.id IS UNIQUE", statements[0].Text);
        Assert.Contains("CREATE FULLTEXT INDEX node_names IF NOT EXISTS", statements[^1].Text);
        Assert.DoesNotContain(statements, s => s.Text.Contains("awaitIndexes")); // waited for in steps, by await-indexes
        Assert.All(statements, s => Assert.DoesNotContain(";", string.Join('\n', s.Text.Split('\n').Where(line => !line.TrimStart().StartsWith("//")))));
    }

    [Fact]
    public void A_script_runs_the_store_s_own_statements_without_their_comments()
    {
        Assert.Equal(13, Neo4jScript.Schema.Count);
        Assert.Equal("CREATE CONSTRAINT career_id IF NOT EXISTS FOR (c:Career) REQUIRE c.id IS UNIQUE;", Neo4jScript.Schema[0]);
        Assert.Equal("CREATE INDEX redirect_to IF NOT EXISTS FOR (r:Redirect) ON (r.to);", Neo4jScript.Schema[^2]);

        var careers = Neo4jScript.MergeNodes(NodeKind.Career);
        Assert.StartsWith("UNWIND $rows AS row\nOPTIONAL MATCH (existing:Career {id: row.id})", careers);
        Assert.EndsWith("RETURN outcome, count(*) AS count;", careers);
        Assert.Contains("MERGE (n:Skill", Neo4jScript.MergeNodes(NodeKind.Skill));
        Assert.Contains(":ALIAS_OF", Neo4jScript.MergeAliases);
        Assert.All(Enum.GetValues<EdgeKind>(), kind => Assert.Contains(":" + kind.Code(), Neo4jScript.MergeEdges(kind)));
        Assert.All(Neo4jScript.Schema.Append(careers), s => Assert.DoesNotContain("//", s));
    }

    [Fact]
    public void An_unknown_statement_name_says_where_the_file_belongs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CypherFiles.Query("no-such-question"));
        Assert.Contains("graph/queries/no-such-question.cypher", error.Message);
    }
}
