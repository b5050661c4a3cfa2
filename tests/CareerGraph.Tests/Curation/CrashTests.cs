using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CareerGraph.Tests.Curation;

/// <summary>
/// The service as a separate process on a file of its own: many curators write at once, the process is
/// killed with SIGKILL in the middle, and the restarted service still holds every write it acknowledged.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 6;
    private const int AcknowledgedBeforeKill = 90;
    private readonly TempFolder _folder = new();

    private sealed record Acknowledged(string Operation, string CareerId);

    [Fact]
    public async Task Every_acknowledged_write_survives_a_sigkill_in_the_middle_of_a_burst_and_the_store_stays_consistent()
    {
        var database = _folder.File("graph.db");
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var interrupted = 0;

        using (var first = await ServiceProcess.StartAsync(database, output))
        {
            await first.MutateAsync("""mutation { createSkill(input: { id: "crash-skill", name: "Crash Skill" }) { skill { id } userErrors { code } } }""", "createSkill");
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    var id = $"crash-{w}-{i}";
                    try
                    {
                        if (!await first.MutateAsync($$"""mutation { createCareer(input: { id: "{{id}}", name: "Crash {{w}} {{i}}" }) { career { id } userErrors { code } } }""", "createCareer")) continue;
                        acknowledged.Add(new("career", id));
                        if (await first.MutateAsync($$"""mutation { addEdge(input: { source: "{{id}}", kind: REQUIRES, target: "crash-skill", importance: 0.7 }) { edge { id } userErrors { code } } }""", "addEdge"))
                            acknowledged.Add(new("edge", id));
                        if (await first.MutateAsync($$"""mutation { addAlias(input: { name: "crash alias {{w}} {{i}}", target: "{{id}}" }) { alias userErrors { code } } }""", "addAlias"))
                            acknowledged.Add(new("alias", id));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref interrupted); // in flight when the process died: may or may not be stored
                        return;
                    }
                }
            })).ToList();

            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < AcknowledgedBeforeKill && deadline.Elapsed < TimeSpan.FromSeconds(60) && writers.All(t => !t.IsCompleted))
                await Task.Delay(20);
            first.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        }
        output.WriteLine($"{acknowledged.Count} writes acknowledged, {interrupted} in flight at the kill");
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} writes were acknowledged before the kill");
        Assert.True(interrupted > 0, "no write was in flight when the process was killed");

        using (var second = await ServiceProcess.StartAsync(database, output))
        {
            var careers = acknowledged.Where(a => a.Operation == "career").Select(a => a.CareerId).ToList();
            var found = new Dictionary<string, JsonElement>();
            foreach (var chunk in careers.Chunk(100))
            {
                var answer = await second.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Career { skills { skill { id } } aliases } } }", new { ids = chunk });
                foreach (var node in answer.GetProperty("nodes").EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object))
                    found[node.GetProperty("id").GetString()!] = node;
            }
            foreach (var write in acknowledged)
            {
                Assert.True(found.TryGetValue(write.CareerId, out var career), $"the acknowledged career {write.CareerId} is missing after the restart");
                if (write.Operation == "edge")
                    Assert.Contains("crash-skill", career.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetProperty("id").GetString()));
                if (write.Operation == "alias")
                    Assert.Single(career.GetProperty("aliases").EnumerateArray());
            }
        }

        AssertConsistent(database);
    }

    /// <summary>The file itself: intact, no dangling rows, and exactly one audit entry for every stored change.</summary>
    private static void AssertConsistent(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        object? Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
        Assert.Null(Scalar("PRAGMA foreign_key_check"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.source) OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.target)"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM aliases a WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = a.target)"));
        Assert.Equal(
            Scalar("SELECT COUNT(*) FROM nodes WHERE id LIKE 'crash-%'"),
            Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'CreateNode' AND nodes LIKE '[\"crash-%'"));
        Assert.Equal(
            Scalar("SELECT COUNT(*) FROM edges WHERE target = 'crash-skill'"),
            Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'PutEdge'"));
        Assert.Equal(
            Scalar("SELECT COUNT(*) FROM aliases WHERE target LIKE 'crash-%'"),
            Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'AddAlias'"));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The built service run with `dotnet CareerGraph.Api.dll` on a free loopback port.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _client;

        private ServiceProcess(Process process, HttpClient client) => (_process, _client) = (process, client);

        public static async Task<ServiceProcess> StartAsync(string database, ITestOutputHelper output)
        {
            var port = BuiltService.FreePort();
            var start = new ProcessStartInfo("dotnet", [BuiltService.Assembly(), "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["CareerGraph__Embedded__Path"] = database;
            start.Environment["CareerGraph__Seeds__LoadOnStart"] = "false";
            start.Environment["CareerGraph__Auth__ApiKeys__0__Name"] = "crash-test";
            start.Environment["CareerGraph__Auth__ApiKeys__0__Sha256"] = CurationService.Sha256Hex(CurationService.CuratorKey);
            start.Environment["CareerGraph__Limits__RateLimit__PermitLimit"] = "0";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("ERR") == true) output.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
            client.DefaultRequestHeaders.Add("X-Api-Key", CurationService.CuratorKey);
            var service = new ServiceProcess(process, client);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"The service exited with code {process.ExitCode} while starting.");
                try
                {
                    if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return service;
                }
                catch (HttpRequestException)
                {
                }
                if (waited.Elapsed > TimeSpan.FromSeconds(90))
                {
                    service.Dispose();
                    throw new TimeoutException("The service did not answer /health within 90 s.");
                }
                await Task.Delay(100);
            }
        }

        /// <summary>True when the mutation was applied: answered 200 with the object and no user errors.</summary>
        public async Task<bool> MutateAsync(string mutation, string field)
        {
            var response = await _client.PostAsJsonAsync("/graphql", new { query = mutation });
            if (response.StatusCode != HttpStatusCode.OK) return false;
            var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty(field);
            return payload.GetProperty("userErrors").GetArrayLength() == 0;
        }

        public async Task<JsonElement> QueryAsync(string query, object variables)
        {
            var response = await _client.PostAsJsonAsync("/graphql", new { query, variables });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.False(body.TryGetProperty("errors", out _), body.ToString());
            return body.GetProperty("data").Clone();
        }

        /// <summary>SIGKILL: no shutdown, no flushing, no goodbye.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _client.Dispose();
            _process.Dispose();
        }
    }
}
