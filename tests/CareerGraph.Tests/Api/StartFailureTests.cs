using System.Net;
using System.Net.Sockets;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A service that cannot listen (an address in use, HTTPS without a certificate it can read), or whose store cannot be
/// used, says so in one line and exits non-zero; one stopped while it starts stops as cleanly as one that has started.
/// </summary>
public sealed class StartFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_address_already_in_use_stops_the_start_naming_it_without_a_crash()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var (exitCode, output, errors) = await BuiltService.RunToExitAsync(address, new Dictionary<string, string> { ["CareerGraph__Embedded__Path"] = _folder.File("graph.db") });

        Assert.Equal(1, exitCode); // not 134, an abort on an unhandled exception
        Assert.Contains($"CareerGraph cannot start: Failed to bind to address {address}", errors);
        Assert.DoesNotContain("Unhandled exception", errors + output);
    }

    [Fact]
    public async Task An_https_address_without_a_certificate_stops_the_start_saying_so_without_a_crash()
    {
        // A home folder of its own: no development certificate in it for Kestrel to fall back on.
        var address = $"https://127.0.0.1:{BuiltService.FreePort()}";
        var (exitCode, output, errors) = await BuiltService.RunToExitAsync(address, new Dictionary<string, string>
        {
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
            ["HOME"] = Directory.CreateDirectory(_folder.File("home")).FullName,
        });

        Assert.Equal(1, exitCode); // not 134, an abort on an unhandled exception
        Assert.Contains("CareerGraph cannot start: Unable to configure HTTPS endpoint. No server certificate was specified", errors);
        Assert.DoesNotContain("Unhandled exception", errors + output);
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_saying_so_without_a_crash()
    {
        var certificate = _folder.File("service.pfx");
        (await HttpsEndpointTests.WriteCertificateAsync(certificate, "secret")).Dispose();

        var address = $"https://127.0.0.1:{BuiltService.FreePort()}";
        var (exitCode, output, errors) = await BuiltService.RunToExitAsync(address, new Dictionary<string, string>
        {
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
            ["Kestrel__Certificates__Default__Path"] = certificate,
            ["Kestrel__Certificates__Default__Password"] = "not the password",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("CareerGraph cannot start: The certificate data cannot be read with the provided password", errors);
        Assert.DoesNotContain("Unhandled exception", errors + output);
    }

    [Fact]
    public async Task A_graph_that_cannot_be_loaded_stops_the_start_naming_the_file_and_leaves_it_as_it_was()
    {
        var database = _folder.File("graph.db");
        await Embedded.BackgroundLoadTests.WriteBrokenGraphAsync(database);
        var before = await File.ReadAllBytesAsync(database);

        var address = $"http://127.0.0.1:{BuiltService.FreePort()}";
        var (exitCode, output, errors) = await BuiltService.RunToExitAsync(address, new Dictionary<string, string> { ["CareerGraph__Embedded__Path"] = database });

        Assert.Equal(1, exitCode);
        Assert.Contains($"CareerGraph cannot start: The graph in {database} cannot be loaded: ", errors);
        Assert.DoesNotContain("Unhandled exception", errors + output);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    [Fact]
    public async Task A_service_stopped_while_it_warms_up_exits_cleanly()
    {
        // Listening and ready, its warm-up still running (as many rounds as it takes) when the stop comes.
        await using var service = await BuiltService.StartAsync(new Dictionary<string, string>
        {
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
            [CareerGraph.Api.Hosting.PipelineWarmUp.RunsSetting.Replace(":", "__", StringComparison.Ordinal)] = "1000000",
        });

        Assert.Equal(0, await service.StopAsync()); // not 134, an abort on the warm-up's cancellation
        Assert.DoesNotContain("Hosting failed to start", service.Log());
        Assert.DoesNotContain("Unhandled exception", service.Log());
    }
}
