using System.Net;

namespace CareerGraph.Tests.Api;

/// <summary>The built service finds its pages, seeds and appsettings.json in its own folder, whatever folder it is started from.</summary>
public sealed class ServiceFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_service_started_from_another_folder_serves_its_pages_and_seeds_and_reads_its_settings()
    {
        await using var service = await BuiltService.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
        }, workingDirectory: _folder.Path);
        var client = service.Http;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/explore")).StatusCode);
        var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        ide.Headers.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ide)).StatusCode);
        var stats = await client.GetStringAsync("/graphql?query=%7Bstats%7Bcareers%7D%7D");
        Assert.DoesNotContain("\"careers\":0", stats); // seeded from the seeds beside the service

        // appsettings.json keeps ASP.NET Core's own request lines at Warning; without it they log at Information.
        var output = service.Log();
        Assert.Contains("responded 200", output);
        Assert.DoesNotContain("Request starting", output);
    }
}
