using System.CommandLine;
using System.Diagnostics;
using CareerGraph.Interchange;
using CareerGraph.Interchange.Formats;
using CareerGraph.Interchange.Onet;
using CareerGraph.Model;
using Spectre.Console;

namespace CareerGraph.Api.Cli;

/// <summary>
/// <c>import onet &lt;dir&gt;</c> and <c>import json &lt;file&gt;</c>: each reads everything first, then stores it in one
/// import, all or nothing; importing the same data again changes nothing.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(Terminal terminal) =>
        new("import", "Import a data set into the store, all or nothing; importing it again changes nothing.")
        {
            Onet(terminal),
            Json(terminal),
        };

    private static Command Onet(Terminal terminal)
    {
        var folder = new Argument<string>("dir") { Description = "The folder of the O*NET database in text format, e.g. ../shared/data/onet-27.0." };
        var command = new Command("onet", "Import the O*NET database (27.0, text format): occupations, titles, related occupations, technologies. " +
                                          "Curated seeds are loaded first (unless CareerGraph:Seeds:LoadOnStart is false) and linked, not duplicated.") { folder };
        CommandRunner.SetAction(command, terminal, async (result, context, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var path = result.GetRequiredValue(folder);
            if (!Directory.Exists(path) && !Path.IsPathRooted(path))
                return terminal.Fail(NotFoundRelative(path, "folder"));
            var onet = ReadWithProgress(terminal, path);
            var read = clock.Elapsed;

            if (context.Options.Seeds.LoadOnStart)
            {
                // Curated careers and skills must be stored first: O*NET links to them instead of duplicating them.
                var seeds = await context.Seeder.LoadAsync(context.Options.Seeds.ResolvedPath, cancellationToken);
                terminal.Line(seeds is null
                    ? "Curated seeds: loaded before."
                    : $"Curated seeds: loaded ({Summaries.N(seeds.Created)} created, {Summaries.N(seeds.Updated)} updated).");
            }
            var stored = await context.Store.ExportAsync(cancellationToken);
            var graph = OnetMapping.ToGraph(onet, stored, TechnologyMap.Read(context.Options.Seeds.ResolvedPath));
            Summaries.Skipped(terminal, graph.Skipped);

            var (changes, imported) = await StoreAsync(terminal, context, stored, graph.Document, cancellationToken);
            terminal.Out.Write(Summaries.Changes(changes, imported));
            terminal.Line(Summaries.Stored(imported));
            var strong = graph.CuratedLinks.Where(l => l.Unique).Select(l => l.CareerId).Distinct().Count();
            terminal.Line($"Curated careers linked to O*NET occupations: {strong} by a title naming one occupation, " +
                          $"{graph.CuratedLinks.Select(l => l.CareerId).Distinct().Count() - strong} by ambiguous titles only. " +
                          $"O*NET technologies on curated skills: {graph.TechnologiesOnCuratedSkills.Count}.");
            terminal.Line($"Read the files in {read.TotalSeconds:0.00} s; the whole import took {clock.Elapsed.TotalSeconds:0.00} s.");
            return 0;
        });
        return command;
    }

    private static Command Json(Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "A graph written by 'export --format json'." };
        var command = new Command("json", "Import a JSON graph {nodes, edges}, as written by 'export --format json'.") { file };
        CommandRunner.SetAction(command, terminal, async (result, context, cancellationToken) =>
        {
            var path = result.GetRequiredValue(file);
            if (!File.Exists(path))
                return terminal.Fail(Path.IsPathRooted(path)
                    ? $"The file '{path}' does not exist; give a file written by 'export --format json'."
                    : NotFoundRelative(path, "file"));
            GraphDocument document;
            await using (var stream = File.OpenRead(path))
                document = JsonGraph.Read(stream, Path.GetFileName(path));
            var stored = await context.Store.ExportAsync(cancellationToken);
            var (changes, imported) = await StoreAsync(terminal, context, stored, document, cancellationToken);
            terminal.Out.Write(Summaries.Changes(changes, imported));
            terminal.Line(Summaries.Stored(imported));
            return 0;
        });
        return command;
    }

    /// <summary><c>dotnet run</c> starts the program in the project folder, which surprises relative paths.</summary>
    private static string NotFoundRelative(string path, string what) =>
        $"The {what} '{path}' does not exist in {Environment.CurrentDirectory}, where the program runs " +
        $"('dotnet run' runs it in the project folder); give an absolute path, e.g. \"$PWD/{path}\" from the shell.";

    private static OnetDatabase ReadWithProgress(Terminal terminal, string folder) =>
        terminal.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var tasks = OnetDatabase.Files.ToDictionary(f => f.Name, f => progress.AddTask(Markup.Escape(f.Name), maxValue: 1));
                var database = OnetDatabase.Read(folder, new Callback<OnetReadProgress>(p => tasks[p.File].Value = p.Fraction));
                foreach (var task in tasks.Values) task.Value = 1;
                return database;
            });

    private static async Task<(IReadOnlyList<KindChanges>, Store.ImportResult?)> StoreAsync(
        Terminal terminal, CommandContext context, GraphDocument stored, GraphDocument document, CancellationToken cancellationToken)
    {
        var changes = GraphChanges.Compare(stored, document);
        var imported = await terminal.Out.Status().StartAsync("Storing, in one transaction…",
            _ => context.Store.ImportAsync(document, cancellationToken: cancellationToken));
        return (changes, imported);
    }

    /// <summary>Reports progress on the reading thread; <see cref="Progress{T}"/> would post it elsewhere, late.</summary>
    private sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
