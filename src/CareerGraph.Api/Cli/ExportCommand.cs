using System.CommandLine;
using System.Diagnostics;
using CareerGraph.Interchange.Formats;

namespace CareerGraph.Api.Cli;

/// <summary><c>export --format cypher|graphml|json|csv &lt;path&gt;</c>: writes the whole stored graph for other tools.</summary>
internal static class ExportCommand
{
    private static readonly Dictionary<string, GraphFormat> Formats = new()
    {
        ["cypher"] = GraphFormat.Cypher,
        ["graphml"] = GraphFormat.GraphML,
        ["json"] = GraphFormat.Json,
        ["csv"] = GraphFormat.Csv,
    };

    public static Command Create(Terminal terminal)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "cypher: a script for an empty Neo4j (cypher-shell -f); graphml: for Gephi or yEd; json: {nodes, edges}, readable by 'import json'; csv: a folder for neo4j-admin database import.",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var path = new Argument<string>("path") { Description = "The file to write (for csv, the folder)." };
        var command = new Command("export", "Write the whole graph in a format other tools read.") { format, path };
        CommandRunner.SetAction(command, terminal, async (result, context, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var document = await context.Store.ExportAsync(cancellationToken);
            var written = GraphExport.Write(document, Formats[result.GetRequiredValue(format)], result.GetRequiredValue(path));
            terminal.Line($"Exported {Summaries.N(document.Careers.Count + document.Skills.Count + document.Industries.Count)} nodes, " +
                                    $"{Summaries.N(document.Edges.Count)} edges and {Summaries.N(document.Aliases.Count)} aliases in {clock.Elapsed.TotalSeconds:0.00} s:");
            foreach (var file in written) terminal.Line("  " + file);
            return 0;
        });
        return command;
    }
}
