using System.Diagnostics;
using System.Net;
using System.Text;

namespace CareerGraph.Tests.Api;

/// <summary>The built service finds its pages, seeds and appsettings.json in its own folder, whatever folder it is started from.</summary>
public sealed class ServiceFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_service_started_from_another_folder_serves_its_pages_and_seeds_and_reads_its_settings()
    {
        var port = BuiltService.FreePort();
        var start = new ProcessStartInfo("dotnet", [BuiltService.Assembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CareerGraph__Embedded__Path"] = _folder.File("graph.db");
        var log = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
            await WaitUntilHealthyAsync(client, process);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/explore")).StatusCode);
            var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql");
            ide.Headers.Accept.ParseAdd("text/html");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ide)).StatusCode);
            var stats = await client.GetStringAsync("/graphql?query=%7Bstats%7Bcareers%7D%7D");
            Assert.DoesNotContain("\"careers\":0", stats); // seeded from the seeds beside the service

            // appsettings.json keeps ASP.NET Core's own request lines at Warning; without it they log at Information.
            string output;
            lock (log) output = log.ToString();
            Assert.Contains("responded 200", output);
            Assert.DoesNotContain("Request starting", output);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process process)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service did not answer /health within 90 s.");
    }
}
