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
        if (ServesAsIs(args)) return new CliOutcome(null, args);
        return await ParseAsync(args, terminal ?? Terminal.System(), cancellationToken);
    }

    /// <summary>The whole command line: what <see cref="InvokeAsync"/> does for arguments that are not <see cref="ServesAsIs"/>.</summary>
    internal static async Task<CliOutcome> ParseAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
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

    /// <summary>
    /// Arguments that can only mean "serve with these host settings": none, or host options (<c>--urls …</c>) without a
    /// command, help, version or response file (<c>@file</c>). They start the service without building the command line
    /// (tens of milliseconds of every start); the parse would hand them to the host unchanged (CommandLineTests hold the
    /// two to the same outcome).
    /// </summary>
    internal static bool ServesAsIs(string[] args) =>
        args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && !args.Any(arg => arg is "--help" or "-h" or "-?" or "/h" or "/?" or "--version" || arg.StartsWith('@')));
}
