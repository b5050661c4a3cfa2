using System.Net;
using System.Net.Sockets;

namespace CareerGraph.Tests.Api;

/// <summary>A service that cannot listen says so in one line and exits non-zero, as it does when its store cannot be used.</summary>
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
}
