using System.CommandLine;

namespace CareerGraph.Api.Cli;

/// <summary>
/// Settings given on the command line the way the service takes them (<c>--CareerGraph:Embedded:Path=graph.db</c>
/// or <c>--CareerGraph:Embedded:Path graph.db</c>); any other word a command does not know is an error.
/// </summary>
internal static class Settings
{
    public static void Allow(Command command) => command.TreatUnmatchedTokensAsErrors = false;

    public static bool TryRead(ParseResult result, Terminal terminal, out string[] settings)
    {
        var tokens = result.UnmatchedTokens;
        var accepted = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':'))
            {
                terminal.Fail($"'{token}' is not an argument or option of '{result.CommandResult.Command.Name}'. " +
                              "Settings are given as --Section:Key=value (e.g. --CareerGraph:Embedded:Path=graph.db); see --help.");
                settings = [];
                return false;
            }
            accepted.Add(token);
            if (!token.Contains('=') && i + 1 < tokens.Count) accepted.Add(tokens[++i]);
        }
        settings = [.. accepted];
        return true;
    }
}
