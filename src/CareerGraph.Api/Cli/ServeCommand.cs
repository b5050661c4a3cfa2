using System.CommandLine;

namespace CareerGraph.Api.Cli;

/// <summary>
/// <c>serve</c>: starts the service (Program.cs builds it). Its arguments go to the web host unchanged, as before
/// there was a command line: <c>--urls http://127.0.0.1:5090</c>, <c>--CareerGraph:Store=Embedded</c>, …
/// </summary>
internal static class ServeCommand
{
    private const string Description =
        "Serve the GraphQL API (the default when no command is given). Host settings pass through, e.g. --urls http://127.0.0.1:5090 or --CareerGraph:Embedded:Path=graph.db.";

    public static Command Create(Terminal terminal, Action<string[]> serve)
    {
        var command = new Command("serve", Description);
        Accept(command, terminal, serve);
        return command;
    }

    /// <summary>Makes the root command serve too, so that running the service without arguments works as it always has.</summary>
    public static void ServeByDefault(RootCommand root, Terminal terminal, Action<string[]> serve) => Accept(root, terminal, serve);

    private static void Accept(Command command, Terminal terminal, Action<string[]> serve)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            var tokens = result.UnmatchedTokens.ToArray();
            // A first word that is no option is a mistyped command; starting the service instead would surprise.
            if (tokens is [var first, ..] && !first.StartsWith('-'))
                return terminal.Fail($"'{first}' is not a command. Commands: serve, seed, import, export, stats; see --help.");
            serve(tokens);
            return 0;
        });
    }
}
