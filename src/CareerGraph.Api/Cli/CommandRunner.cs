using System.CommandLine;
using System.Data.Common;
using CareerGraph.Interchange.Formats;
using CareerGraph.Interchange.Onet;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;

namespace CareerGraph.Api.Cli;

/// <summary>Runs a command's work on the configured store, turning every expected failure into a message and exit code 1.</summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, Terminal terminal, Func<ParseResult, CommandContext, CancellationToken, Task<int>> work)
    {
        Settings.Allow(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Settings.TryRead(result, terminal, out var settings)) return 1;
            try
            {
                await using var context = CommandContext.Open(settings);
                return await work(result, context, cancellationToken);
            }
            catch (GraphRuleException e)
            {
                return terminal.Fail("The graph was refused and nothing was stored:" + Environment.NewLine + e.Message);
            }
            catch (Exception e) when (e is OnetDataException or JsonGraphException or SeedException
                                          or IOException or UnauthorizedAccessException or DbException or InvalidOperationException)
            {
                return terminal.Fail(e.Message);
            }
            catch (OperationCanceledException)
            {
                return terminal.Fail("Cancelled; nothing of an unfinished import was stored.");
            }
        });
    }
}
