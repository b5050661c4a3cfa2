using System.Diagnostics;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// Every Cypher file in graph/ passes Neo4j's own parser and semantic checks (@neo4j-cypher/language-support, offline)
/// against our labels, relationship types, properties, parameters and procedures (graph/lint/schema.json).
/// </summary>
public sealed class CypherLintTests
{
    private static readonly string LintFolder = Path.Combine(RepoPaths.Root, "graph", "lint");
    private static readonly SemaphoreSlim Install = new(1, 1);

    [Fact]
    public async Task Every_Cypher_file_in_graph_lints_without_a_single_diagnostic()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph"), "*.cypher", SearchOption.AllDirectories)
            .Count(f => !f.Contains("node_modules", StringComparison.Ordinal));

        var (exitCode, output) = await LintAsync();

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{files} Cypher file(s) linted, 0 problem(s).", output);
        Assert.True(files >= 25, $"expected every statement of the service in graph/, found {files} files");
    }

    [Fact]
    public async Task The_lint_reports_a_misspelt_label_relationship_type_property_procedure_and_a_syntax_error()
    {
        using var folder = new TempFolder();
        var broken = folder.File("broken.cypher");
        await File.WriteAllTextAsync(broken, """
            MATCH (c:Carer)-[:REQUIRE]->(s:Skill) RETURN s.nmae;
            CALL db.index.fulltext.queryNode('node_names', $lucene) YIELD node RETURN node;
            MATCH (c:Career) WHERE c.id = $undeclared RETURN c;
            MATCH (c:Career) RETURN c WHERE c.id = 'x';
            """);

        var (exitCode, output) = await LintAsync(broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Label Carer is not present", output);
        Assert.Contains("Relationship type REQUIRE is not present", output);
        Assert.Contains("nmae is not present", output);
        Assert.Contains("Procedure db.index.fulltext.queryNode is not present", output);
        Assert.Contains("Parameter $undeclared is not defined", output);
        Assert.Contains("broken.cypher:4:", output);
        Assert.Contains("Invalid input 'WHERE'", output);
    }

    private static async Task<(int ExitCode, string Output)> LintAsync(params string[] files)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", ["lint.mjs", .. files], TimeSpan.FromMinutes(6));
    }

    /// <summary>Installs the linter from package-lock.json on a fresh clone (needs the npm registry once).</summary>
    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(LintFolder, "node_modules", "@neo4j-cypher", "language-support"))) return;
            var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"npm ci in {LintFolder} failed:\n{output}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int, string)> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = LintFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}; is Node.js 20+ installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} took longer than {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
