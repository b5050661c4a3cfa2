using System.CommandLine;

namespace CareerGraph.Api.Cli;

/// <summary><c>seed</c>: loads the curated seeds as the service does on start, once per version of the seed files.</summary>
internal static class SeedCommand
{
    public static Command Create(Terminal terminal)
    {
        var path = new Option<string?>("--path") { Description = "Folder with industries.json, skills.json and careers.json (default: CareerGraph:Seeds:Path, else the seeds beside the service)." };
        var command = new Command("seed", "Load the curated seeds into the store; a version of the seed files already loaded is skipped.") { path };
        CommandRunner.SetAction(command, terminal, async (result, context, cancellationToken) =>
        {
            var folder = result.GetValue(path) ?? context.Options.Seeds.ResolvedPath;
            var loaded = await context.Seeder.LoadAsync(folder, cancellationToken);
            if (loaded is null)
                terminal.Line($"These seeds ({Path.GetFullPath(folder)}) were loaded before; nothing to do.");
            else
                terminal.Line($"Loaded the seeds from {Path.GetFullPath(folder)}: " +
                                        $"{Summaries.N(loaded.Created)} created, {Summaries.N(loaded.Updated)} updated, {Summaries.N(loaded.Unchanged)} unchanged.");
            return 0;
        });
        return command;
    }
}
