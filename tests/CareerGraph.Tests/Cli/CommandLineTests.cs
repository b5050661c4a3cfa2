using CareerGraph.Api.Cli;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Tests.Interchange;

namespace CareerGraph.Tests.Cli;

/// <summary>The command line: serve stays the default, and every command works on the configured store.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static async Task<CliOutcome> Invoke(params string[] args) =>
        await CareerGraphCli.InvokeAsync(args, Terminal.Plain(new StringWriter(), new StringWriter()));

    [Fact]
    public async Task Without_arguments_the_service_starts_as_it_always_has()
    {
        var outcome = await Invoke();
        Assert.Null(outcome.ExitCode);
        Assert.Empty(outcome.HostArguments);
    }

    [Fact]
    public async Task Serve_passes_host_settings_through_unchanged()
    {
        Assert.Equal(["--urls", "http://127.0.0.1:5999"], (await Invoke("serve", "--urls", "http://127.0.0.1:5999")).HostArguments);
        Assert.Equal(["--CareerGraph:Store=Embedded"], (await Invoke("--CareerGraph:Store=Embedded")).HostArguments);
    }

    /// <summary>Starts skip the command line's parse for what can only mean "serve": the parse must agree with every such start.</summary>
    [Fact]
    public async Task Arguments_that_start_the_service_without_the_parse_are_what_the_parse_would_serve()
    {
        string[][] candidates =
        [
            [], ["--urls", "http://127.0.0.1:5999"], ["--CareerGraph:Store=Embedded"], ["--CareerGraph:Embedded:Path", "/tmp/g.db", "--urls", "http://x:1"],
            ["--environment", "Development"], ["--urls", "a", "--help"], ["--version"], ["--urls", "a", "-h"], ["--urls", "@settings.rsp"],
            ["serve"], ["seed"], ["-h"], ["-?"], ["/?"], ["stats", "--urls", "a"],
        ];
        var asIs = candidates.Where(CareerGraphCli.ServesAsIs).ToList();
        Assert.Equal(4, asIs.Count(args => args is [] || args[0].StartsWith("--CareerGraph") || args is ["--urls", "http://127.0.0.1:5999"]));
        foreach (var args in candidates)
        {
            var parsed = await CareerGraphCli.ParseAsync(args, Terminal.Plain(new StringWriter(), new StringWriter()));
            if (CareerGraphCli.ServesAsIs(args))
            {
                Assert.Null(parsed.ExitCode);
                Assert.Equal(args, parsed.HostArguments);
            }
            var invoked = await Invoke(args);
            Assert.Equal(parsed.ExitCode, invoked.ExitCode);
            Assert.Equal(parsed.HostArguments, invoked.HostArguments);
        }
    }

    [Fact]
    public async Task A_mistyped_command_is_an_error_rather_than_a_started_service()
    {
        var (exitCode, _, error, host) = await _cli.RunAsync("improt", "onet", "x");
        Assert.Equal(1, exitCode);
        Assert.Empty(host);
        Assert.Contains("'improt' is not a command", error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("seed", "--help")]
    [InlineData("import", "onet", "--help")]
    [InlineData("import", "json", "--help")]
    [InlineData("export", "--help")]
    [InlineData("stats", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var output = new StringWriter();
        var outcome = await CareerGraphCli.InvokeAsync(args, Terminal.Plain(output, new StringWriter()));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Usage:", output.ToString());
    }

    [Fact]
    public async Task An_unknown_option_is_an_error_that_says_how_settings_are_given()
    {
        var (exitCode, _, error, _) = await _cli.RunAsync("stats", "--verbose");
        Assert.Equal(1, exitCode);
        Assert.Contains("'--verbose' is not an argument or option of 'stats'", error);
        Assert.Contains("--Section:Key=value", error);
    }

    [Fact]
    public async Task Importing_onet_links_to_the_seeds_reports_skipped_rows_and_a_second_import_changes_nothing()
    {
        var (exitCode, output, error, _) = await _cli.RunAsync("import", "onet", OnetFixtures.Mini);
        Assert.Equal(0, exitCode);
        Assert.Contains("Curated seeds: loaded (", output);
        Assert.Contains("Skipped 10 malformed rows:", error);
        Assert.Contains("Technology Skills.txt:9: the Hot Technology 'maybe' is not one of Y, N.", error);
        // The one update: the curated Python becomes hot, as O*NET flags it.
        Assert.Matches(@"Stored: [1-9][\d,]* created, 1 updated, 0 unchanged\.", output);

        var (againExit, again, _, _) = await _cli.RunAsync("import", "onet", OnetFixtures.Mini);
        Assert.Equal(0, againExit);
        Assert.Contains("Curated seeds: loaded before.", again);
        Assert.Matches(@"Stored: 0 created, 0 updated, [1-9][\d,]* unchanged\.", again);

        using var store = SqliteGraphStore.Open(_cli.DatabasePath);
        Assert.Equal("onet-15-1299-08", Assert.Single(await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SeeAlso, Direction.Outgoing), e => e.Target.StartsWith("onet-")).Target);
        Assert.True(Assert.IsType<Skill>(Assert.Single(await store.ResolveAsync("Python", NodeKind.Skill))).Hot);
    }

    [Fact]
    public async Task A_missing_onet_file_fails_with_its_name_and_stores_nothing()
    {
        var copy = OnetFixtures.CopyOfMini(_cli.Folder);
        File.Delete(Path.Combine(copy, "Related Occupations.txt"));
        var (exitCode, _, error, _) = await _cli.RunAsync("import", "onet", copy);
        Assert.Equal(1, exitCode);
        Assert.Contains("error: The O*NET file 'Related Occupations.txt' is missing", error);
        using var store = SqliteGraphStore.Open(_cli.DatabasePath);
        Assert.All((await store.GetStatsAsync()).Nodes.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Exporting_json_and_importing_it_into_an_empty_store_gives_the_same_graph()
    {
        await _cli.RunAsync("import", "onet", OnetFixtures.Mini);
        var file = _cli.File("graph.json");
        var (exportExit, exportOutput, _, _) = await _cli.RunAsync("export", "--format", "json", file);
        Assert.Equal(0, exportExit);
        Assert.Contains(file, exportOutput);

        using var other = new Cli();
        var (importExit, _, _, _) = await other.RunAsync("import", "json", file);
        Assert.Equal(0, importExit);
        using var original = SqliteGraphStore.Open(_cli.DatabasePath);
        using var copy = SqliteGraphStore.Open(other.DatabasePath);
        Assert.Equal(GraphJson.Of(await original.ExportAsync()), GraphJson.Of(await copy.ExportAsync()));
    }

    [Theory]
    [InlineData("cypher", "graph.cypher")]
    [InlineData("graphml", "graph.graphml")]
    [InlineData("csv", "csv/nodes_careers.csv")]
    public async Task Every_export_format_writes_its_files(string format, string expected)
    {
        await _cli.RunAsync("seed");
        var target = format == "csv" ? _cli.File("csv") : _cli.File(expected);
        var (exitCode, _, _, _) = await _cli.RunAsync("export", "--format", format, target);
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(_cli.File(expected)));
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused()
    {
        var (exitCode, _, error, _) = await _cli.RunAsync("export", "--format", "xlsx", _cli.File("graph.xlsx"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("xlsx", error);
        Assert.False(File.Exists(_cli.File("graph.xlsx")));
    }

    [Fact]
    public async Task A_json_graph_that_breaks_a_rule_is_refused_whole()
    {
        var file = _cli.File("broken.json");
        await File.WriteAllTextAsync(file, """
            { "nodes": [ { "id": "a-career", "kind": "Career", "name": "A Career" } ],
              "edges": [ { "source": "a-career", "target": "no-such-skill", "type": "REQUIRES", "importance": 0.5, "core": false } ] }
            """);
        var (exitCode, _, error, _) = await _cli.RunAsync("import", "json", file);
        Assert.Equal(1, exitCode);
        Assert.Contains("nothing was stored", error);
        Assert.Contains("UNKNOWN_REFERENCE", error);
        using var store = SqliteGraphStore.Open(_cli.DatabasePath);
        Assert.Empty(await store.GetNodesAsync(["a-career"]));
    }

    [Fact]
    public async Task Seed_loads_each_version_of_the_seeds_once_and_stats_counts_them()
    {
        var (exitCode, output, _, _) = await _cli.RunAsync("seed");
        Assert.Equal(0, exitCode);
        Assert.Contains("Loaded the seeds from", output);
        Assert.Contains("were loaded before; nothing to do", (await _cli.RunAsync("seed")).Output);

        var seeds = CareerGraph.Interchange.Seeding.SeedFiles.Read(RepoPaths.Seeds);
        var stats = (await _cli.RunAsync("stats")).Output;
        Assert.Matches($@"Career\s+│\s+{seeds.Careers.Count}\s", stats);
        Assert.Matches($@"Alias link\s+│\s+{seeds.Aliases.Count}\s", stats.Replace(",", ""));
        Assert.Matches($@"Alias name\s+│\s+{seeds.Aliases.Select(a => a.Key).Distinct().Count()}\s", stats.Replace(",", ""));
    }
}
