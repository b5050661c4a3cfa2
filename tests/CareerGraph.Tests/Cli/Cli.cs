using CareerGraph.Api.Cli;

namespace CareerGraph.Tests.Cli;

/// <summary>Runs the command line in-process on a store of its own, capturing what it prints.</summary>
public sealed class Cli : IDisposable
{
    private readonly TempFolder _folder = new();

    public string DatabasePath => _folder.File("careergraph.db");
    public string File(string name) => _folder.File(name);
    public string Folder => _folder.Path;

    /// <summary>Runs a command against this store (and the repository's seeds); returns its exit code and output.</summary>
    public async Task<(int? ExitCode, string Output, string Error, string[] HostArguments)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var outcome = await CareerGraphCli.InvokeAsync(
            [.. args, $"--CareerGraph:Embedded:Path={DatabasePath}", $"--CareerGraph:Seeds:Path={RepoPaths.Seeds}"],
            Terminal.Plain(output, error));
        return (outcome.ExitCode, output.ToString(), error.ToString(), outcome.HostArguments);
    }

    public void Dispose() => _folder.Dispose();
}
