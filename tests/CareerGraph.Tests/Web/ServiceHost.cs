using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareerGraph.Tests.Web;

/// <summary>The whole service in-process, with an embedded database of its own and the given settings on top.</summary>
public sealed class ServiceHost(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly TempFolder folder = new();

    public string DatabasePath => folder.File("careergraph.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CareerGraph:Embedded:Path", DatabasePath);
        builder.UseSetting("CareerGraph:Seeds:LoadOnStart", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) folder.Dispose();
    }
}
