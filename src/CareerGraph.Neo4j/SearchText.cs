using System.Text;
using System.Text.RegularExpressions;
using CareerGraph.Model;

namespace CareerGraph.Neo4j;

/// <summary>
/// Turns what someone typed into a Lucene query for the full-text index: each word as itself, as a prefix and,
/// when long enough, within one or two typos; several words also as a phrase. Only letters and digits are kept,
/// so nothing typed can change the query's structure.
/// </summary>
internal static partial class SearchText
{
    public static IReadOnlyList<string> Words(string text) =>
        NotWordCharacters().Split(Names.Key(text)).Where(w => w.Length > 0).ToList();

    /// <summary>The Lucene query, or null when the text has no word to look for.</summary>
    public static string? ToLucene(string text)
    {
        var words = Words(text);
        if (words.Count == 0) return null;
        var query = new StringBuilder();
        foreach (var word in words)
        {
            if (query.Length > 0) query.Append(" OR ");
            query.Append($"{word}^4 OR {word}*^2");
            if (TypoBudget(word.Length) is var typos and > 0) query.Append($" OR {word}~{typos}");
        }
        if (words.Count > 1) query.Append($" OR \"{string.Join(' ', words)}\"^6");
        return query.ToString();
    }

    /// <summary>Typos forgiven in a word of this length: none below 4 letters, one below 8, else two.</summary>
    public static int TypoBudget(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWordCharacters();
}
