using System.CommandLine;

namespace CareerGraph.Api.Cli;

/// <summary>What the command line decided: exit with a code, or start the service with these host arguments.</summary>
internal sealed record CliOutcome(int? ExitCode, string[] HostArguments);

/// <summary>
/// The command line of the service: <c>serve</c> (also what runs with no command) and the commands that work on
/// the service's store (<c>seed</c>, <c>import</c>, <c>export</c>, <c>stats</c>). Documented in docs/cli.md.
/// </summary>
internal static class CareerGraphCli
{
    public static async Task<CliOutcome> InvokeAsync(string[] args, Terminal? terminal = null, CancellationToken cancellationToken = default)
    {
        terminal ??= Terminal.System();
        string[]? hostArguments = null;
        var root = new RootCommand("CareerGraph, a career knowledge graph served over GraphQL. Without a command, serves it.")
        {
            ServeCommand.Create(terminal, accepted => hostArguments = accepted),
            SeedCommand.Create(terminal),
            ImportCommand.Create(terminal),
            ExportCommand.Create(terminal),
            StatsCommand.Create(terminal),
        };
        ServeCommand.ServeByDefault(root, terminal, accepted => hostArguments = accepted);

        var exitCode = await root.Parse(args).InvokeAsync(
            new InvocationConfiguration { Output = terminal.OutWriter, Error = terminal.ErrorWriter }, cancellationToken);
        return hostArguments is { } host && exitCode == 0 ? new CliOutcome(null, host) : new CliOutcome(exitCode, []);
    }
}
