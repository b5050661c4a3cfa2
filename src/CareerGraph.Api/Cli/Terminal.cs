using Spectre.Console;

namespace CareerGraph.Api.Cli;

/// <summary>Where commands write: results to standard output, problems to standard error.</summary>
internal sealed record Terminal(IAnsiConsole Out, IAnsiConsole Error, TextWriter OutWriter, TextWriter ErrorWriter)
{
    public static Terminal System() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Console.Out,
        Console.Error);

    /// <summary>Plain text on two writers (no colours, no live progress), for tests and redirected output.</summary>
    public static Terminal Plain(TextWriter output, TextWriter error) => new(
        Plain(output), Plain(error), output, error);

    private static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>Prints a failure the way every command does: what went wrong, on standard error, unwrapped.</summary>
    public int Fail(string message)
    {
        ErrorWriter.WriteLine("error: " + message);
        return 1;
    }

    /// <summary>A line of plain text, never wrapped, so that scripts can read it.</summary>
    public void Line(string text) => OutWriter.WriteLine(text);
}
