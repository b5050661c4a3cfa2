using System.Diagnostics;
using System.Text.Json.Nodes;
using CareerGraph.Api.Cli;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Tests.Interchange;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A running service follows its file: an import from the command line, or a write through a second store on the same
/// file, is answered by the service without a restart (each on a connection of its own, as another process's is).
/// </summary>
public sealed class FollowingServiceTests : IDisposable
{
    private readonly CareerGraphApp _app = new();

    [Fact]
    public async Task An_import_from_the_command_line_is_answered_by_the_running_service()
    {
        const string Query = """{ resolve(reference: "Chief Executives", kind: CAREER) { id name } }""";
        Assert.Empty((await _app.QueryAsync(Query))["resolve"]!.AsArray());

        var error = new StringWriter();
        var outcome = await CareerGraphCli.InvokeAsync(
            ["import", "onet", OnetFixtures.Mini, $"--CareerGraph:Embedded:Path={_app.DatabasePath}", $"--CareerGraph:Seeds:Path={RepoPaths.Seeds}"],
            Terminal.Plain(new StringWriter(), error));
        Assert.True(outcome.ExitCode == 0, $"import onet failed: {error}");

        var answer = await EventuallyAsync(Query, data => data["resolve"]!.AsArray().Count > 0);
        Assert.Equal("Chief Executives", answer["resolve"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_import_json_run_by_another_process_is_answered_by_the_running_service()
    {
        const string Query = """{ resolve(reference: "Qubit Ledger Designer", kind: CAREER) { id name } }""";
        Assert.Empty((await _app.QueryAsync(Query))["resolve"]!.AsArray());
        var file = Path.Combine(Path.GetDirectoryName(_app.DatabasePath)!, "qubit.json");
        await File.WriteAllTextAsync(file, """
            { "nodes": [ { "id": "qubit-ledger-engineer", "kind": "Career", "name": "Qubit Ledger Engineer", "aliases": ["Qubit Ledger Designer"] } ],
              "edges": [ { "source": "qubit-ledger-engineer", "target": "python", "type": "REQUIRES", "importance": 0.8, "core": true } ] }
            """);

        var start = new ProcessStartInfo("dotnet", [BuiltService.Assembly(), "import", "json", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CareerGraph__Embedded__Path"] = _app.DatabasePath;
        start.Environment["CareerGraph__Seeds__Path"] = RepoPaths.Seeds;
        using (var import = Process.Start(start)!)
        {
            var error = import.StandardError.ReadToEndAsync();
            await import.StandardOutput.ReadToEndAsync();
            await import.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(import.ExitCode == 0, $"import json failed: {await error}");
        }

        var answer = await EventuallyAsync(Query, data => data["resolve"]!.AsArray().Count > 0);
        Assert.Equal("qubit-ledger-engineer", answer["resolve"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_curation_write_through_a_second_store_on_the_file_is_answered_by_the_running_service()
    {
        const string Query = """{ career(id: "cloud-engineer") { name } }""";
        Assert.Equal("Cloud Engineer", (await _app.QueryAsync(Query))["career"]!["name"]!.GetValue<string>());

        using (var second = SqliteGraphStore.Open(_app.DatabasePath))
        {
            var cloud = (Career)second.Snapshot.Node("cloud-engineer")!;
            await second.ApplyAsync(new ChangeSet("key:second", [new UpdateNode(cloud with { Name = "Cloud Platform Engineer", IsSpecialisation = false })]));
        }

        var answer = await EventuallyAsync(Query, data => data["career"]!["name"]!.GetValue<string>() != "Cloud Engineer");
        Assert.Equal("Cloud Platform Engineer", answer["career"]!["name"]!.GetValue<string>());
    }

    /// <summary>Asks until the answer satisfies <paramref name="done"/>; the service follows its file every 250 ms, so this waits far longer than needed.</summary>
    private async Task<JsonNode> EventuallyAsync(string query, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var data = await _app.QueryAsync(query);
            if (done(data) || DateTime.UtcNow > deadline) return data;
            await Task.Delay(50);
        }
    }

    public void Dispose() => _app.Dispose();
}
