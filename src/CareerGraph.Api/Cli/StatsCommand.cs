using System.CommandLine;

namespace CareerGraph.Api.Cli;

/// <summary><c>stats</c>: how many nodes, edges and aliases of each kind the store holds.</summary>
internal static class StatsCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("stats", "Count the nodes, edges and aliases of each kind in the store.");
        CommandRunner.SetAction(command, terminal, async (_, context, cancellationToken) =>
        {
            terminal.Out.Write(Summaries.Stats(await context.Store.GetStatsAsync(cancellationToken)));
            return 0;
        });
        return command;
    }
}
