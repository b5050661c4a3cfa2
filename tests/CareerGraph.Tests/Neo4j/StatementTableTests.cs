using System.Text;
using System.Text.RegularExpressions;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// graph/README.md's table of statements is made from each file's header (what it answers, its :param lines), so it
/// cannot drift from the files; run the tests with UPDATE_README=1 to rewrite it after adding or changing a statement.
/// </summary>
public sealed class StatementTableTests
{
    private const string Start = "<!-- statements: made from each file's header by StatementTableTests; UPDATE_README=1 rewrites it -->";
    private const string End = "<!-- /statements -->";

    [Fact]
    public void The_readme_s_statement_table_is_made_from_the_files_headers()
    {
        var path = Path.Combine(RepoPaths.Root, "graph", "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"graph/README.md has no {Start} … {End} section for the statement table.");

        var expected = readme[..(start + Start.Length)] + "\n" + Table() + readme[end..];
        if (Environment.GetEnvironmentVariable("UPDATE_README") == "1")
            File.WriteAllText(path, expected);
        else
            Assert.True(expected == readme, "graph/README.md's statement table differs from the files' headers; run the tests with UPDATE_README=1 and review the diff.");
    }

    [Fact]
    public void Every_statement_says_in_the_readme_what_it_starts_from_and_what_bounds_it()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "graph", "README.md")).ReplaceLineEndings("\n");
        var bounds = readme[readme.IndexOf("## What each statement starts from", StringComparison.Ordinal)..];
        var named = Regex.Matches(bounds, @"^\| ([^|]+) \|", RegexOptions.Multiline)
            .SelectMany(row => Regex.Matches(row.Groups[1].Value, "`([a-z*-]+)`").Select(m => m.Groups[1].Value))
            .ToList();
        var missing = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph", "queries"), "*.cypher")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !named.Any(n => n == name || (n.Contains('*') && Regex.IsMatch(name!, "^" + n.Replace("*", "[a-z-]+") + "$"))));
        Assert.Empty(missing); // add a row to graph/README.md's table "What each statement starts from, and what bounds it"
    }

    [Fact]
    public void A_header_gives_what_the_statement_answers_and_its_parameters()
    {
        var header = Header("// The careers within $maxHops\n// of $from.\n// :param from => \"a\"\n// :param maxHops => 4\nMATCH (c)\n// not header\n");
        Assert.Equal("The careers within $maxHops of $from.", header.Answers);
        Assert.Equal(["from", "maxHops"], header.Parameters);
    }

    /// <summary>One row a file of graph/queries, in name order.</summary>
    private static string Table()
    {
        var table = new StringBuilder("| Statement | What it answers | Parameters |\n| --- | --- | --- |\n");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph", "queries"), "*.cypher").Order(StringComparer.Ordinal))
        {
            var (answers, parameters) = Header(File.ReadAllText(file).ReplaceLineEndings("\n"));
            Assert.False(answers.Length == 0, $"{Path.GetFileName(file)} opens with no comment saying what it answers.");
            table.Append($"| `{Path.GetFileNameWithoutExtension(file)}` | {answers.Replace("|", "\\|", StringComparison.Ordinal)} | ")
                .Append(string.Join(", ", parameters.Select(p => $"`{p}`")))
                .Append(" |\n");
        }
        return table.ToString();
    }

    /// <summary>The comment lines a file opens with: the text before its :param lines, and the parameters they name.</summary>
    private static (string Answers, IReadOnlyList<string> Parameters) Header(string text)
    {
        var comments = text.Split('\n').TakeWhile(line => line.StartsWith("//", StringComparison.Ordinal)).Select(line => line[2..].Trim()).ToList();
        var parameters = comments.Where(c => c.StartsWith(":param ", StringComparison.Ordinal)).Select(c => c[7..].Split("=>")[0].Trim()).ToList();
        var answers = string.Join(' ', comments.Where(c => !c.StartsWith(":param ", StringComparison.Ordinal) && c.Length > 0));
        return (answers, parameters);
    }
}
