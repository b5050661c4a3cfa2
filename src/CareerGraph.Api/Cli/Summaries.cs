using CareerGraph.Interchange;
using CareerGraph.Model;
using CareerGraph.Store;
using Spectre.Console;

namespace CareerGraph.Api.Cli;

/// <summary>The tables and lists commands print.</summary>
internal static class Summaries
{
    public const int SkippedRowsShown = 20;

    public static Table Changes(IReadOnlyList<KindChanges> changes, ImportResult? stored)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Kind").AddColumn(new TableColumn("In import").RightAligned()).AddColumn(new TableColumn("Created").RightAligned())
            .AddColumn(new TableColumn("Updated").RightAligned()).AddColumn(new TableColumn("Unchanged").RightAligned());
        foreach (var change in changes)
            table.AddRow(change.Kind, N(change.Incoming), N(change.Created), N(change.Updated), N(change.Unchanged));
        if (stored is not null)
            table.AddRow("[bold]Total stored[/]", N(changes.Sum(c => c.Incoming)), N(stored.Created), N(stored.Updated), N(stored.Unchanged));
        return table;
    }

    /// <summary>One line with the store's own counts, easy to read and to check in scripts.</summary>
    public static string Stored(ImportResult? stored) => stored is null
        ? "Stored: nothing (imported before)."
        : $"Stored: {N(stored.Created)} created, {N(stored.Updated)} updated, {N(stored.Unchanged)} unchanged.";

    public static Table Stats(GraphStats stats)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Kind").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var kind in Enum.GetValues<NodeKind>()) table.AddRow(kind.ToString(), N(stats.Nodes.GetValueOrDefault(kind)));
        foreach (var kind in Enum.GetValues<EdgeKind>()) table.AddRow(kind.Code(), N(stats.Edges.GetValueOrDefault(kind)));
        table.AddRow("Alias name", N(stats.AliasNames));
        table.AddRow("Alias link", N(stats.AliasLinks));
        return table;
    }

    /// <summary>Skipped rows go to standard error: they are warnings about the input, not the result.</summary>
    public static void Skipped(Terminal terminal, IReadOnlyList<SkippedRow> skipped)
    {
        if (skipped.Count == 0) return;
        terminal.ErrorWriter.WriteLine($"Skipped {N(skipped.Count)} malformed row{(skipped.Count == 1 ? "" : "s")}:");
        foreach (var row in skipped.Take(SkippedRowsShown))
            terminal.ErrorWriter.WriteLine("  " + row);
        if (skipped.Count > SkippedRowsShown)
            terminal.ErrorWriter.WriteLine($"  … and {N(skipped.Count - SkippedRowsShown)} more.");
    }

    public static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
