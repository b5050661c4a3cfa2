using System.Net;
using System.Net.Sockets;

namespace CareerGraph.Tests;

/// <summary>What tests need to start the built service as a process of its own.</summary>
public static class BuiltService
{
    /// <summary>The service's assembly in the same configuration as the tests (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Assembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepoPaths.Root, "src", "CareerGraph.Api", "bin", configuration, "net10.0", "CareerGraph.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the service first: {path} is missing.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
