using CareerGraph.Tests.Web;

namespace CareerGraph.Tests.Api;

/// <summary>Runs only where npm is installed; elsewhere the test is skipped and says why.</summary>
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "npm"))))
            Skip = "npm is not installed (Node.js 20+ with npm), so the client tests in tests/clients (Apollo, urql, Relay, codegen) did not run.";
    }
}

/// <summary>
/// The front-end clients of docs/clients.md (tests/clients: Apollo Client, urql, Relay, GraphQL Code Generator)
/// against the built service, started by the Node tests themselves.
/// </summary>
public sealed class ClientTests
{
    [NpmFact]
    public async Task Apollo_urql_relay_and_codegen_work_against_the_service()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "clients");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            Assert.Equal(0, (await BrowserTests.RunAsync(folder, "npm", "ci --no-audit --no-fund")).ExitCode);
        var (exitCode, output) = await BrowserTests.RunAsync(folder, "npm", "test");
        Assert.True(exitCode == 0, "The client tests failed:\n" + output);
        Assert.Contains("# fail 0", output);
    }
}
