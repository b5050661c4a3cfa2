using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Embedded;

/// <summary>
/// Ranks names and aliases against a text: exact, then prefix, word prefix, substring, then
/// within a small edit distance (Damerau–Levenshtein, so "pyhton" finds Python).
/// </summary>
internal sealed class SearchIndex
{
    private readonly Entry[] _entries;
    private readonly IReadOnlyDictionary<string, GraphNode> _nodes;

    private sealed record Entry(string Key, string[] Words, string Text, string NodeId, NodeKind Kind, bool ViaAlias);

    public SearchIndex(IReadOnlyCollection<GraphNode> nodes, IReadOnlyCollection<Alias> aliases, IReadOnlyDictionary<string, GraphNode> byId)
    {
        _nodes = byId;
        var entries = new List<Entry>(nodes.Count + aliases.Count);
        foreach (var node in nodes)
            entries.Add(NewEntry(node.Name, node.Id, node.Kind, viaAlias: false));
        foreach (var alias in aliases)
            if (byId.TryGetValue(alias.TargetId, out var target))
                entries.Add(NewEntry(alias.Name, alias.TargetId, target.Kind, viaAlias: true));
        _entries = [.. entries];
    }

    private static Entry NewEntry(string text, string id, NodeKind kind, bool viaAlias)
    {
        var key = Names.Key(text);
        return new Entry(key, key.Split(' ', StringSplitOptions.RemoveEmptyEntries), text, id, kind, viaAlias);
    }

    public IReadOnlyList<SearchHit> Find(SearchQuery query)
    {
        var text = Names.Key(query.Text);
        if (text.Length == 0 || query.First <= 0) return [];
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var best = new Dictionary<string, (double Score, Entry Entry)>();
        foreach (var entry in _entries)
        {
            if (query.Kinds.Count > 0 && !query.Kinds.Contains(entry.Kind)) continue;
            var score = Score(text, words, entry);
            if (score <= 0) continue;
            if (entry.ViaAlias) score *= 0.95;
            if (!best.TryGetValue(entry.NodeId, out var current) || score > current.Score)
                best[entry.NodeId] = (score, entry);
        }
        return best.Values
            .OrderByDescending(b => b.Score)
            .ThenBy(b => b.Entry.Key.Length)
            .ThenBy(b => b.Entry.NodeId, StringComparer.Ordinal)
            .Take(query.First)
            .Select(b => new SearchHit(_nodes[b.Entry.NodeId], b.Entry.Text, b.Entry.ViaAlias, Math.Round(b.Score, 4)))
            .ToList();
    }

    private static double Score(string text, string[] words, Entry entry)
    {
        var key = entry.Key;
        if (key == text) return 1.0;
        if (key.StartsWith(text, StringComparison.Ordinal)) return 0.9;
        if (entry.Words.Any(w => w.StartsWith(text, StringComparison.Ordinal))) return 0.8;
        if (key.Contains(text, StringComparison.Ordinal)) return 0.7;

        // Typos: the whole text is close to the whole name, or every word is close to a word of it.
        var budget = TypoBudget(text.Length);
        if (Math.Abs(key.Length - text.Length) <= budget && EditDistance(text, key, budget) is var d && d <= budget)
            return 0.65 - 0.05 * d;
        var total = 0;
        foreach (var word in words)
        {
            var closest = int.MaxValue;
            foreach (var candidate in entry.Words)
            {
                if (candidate.StartsWith(word, StringComparison.Ordinal)) { closest = 0; break; }
                var wordBudget = TypoBudget(word.Length);
                if (Math.Abs(candidate.Length - word.Length) > wordBudget) continue;
                closest = Math.Min(closest, EditDistance(word, candidate, wordBudget));
            }
            if (closest > TypoBudget(word.Length)) return 0;
            total += closest;
        }
        return 0.5 - 0.05 * Math.Min(total, 5);
    }

    private static int TypoBudget(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };

    /// <summary>Optimal string alignment distance, giving up (returning budget + 1) once past the budget.</summary>
    internal static int EditDistance(string a, string b, int budget)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > budget) return budget + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
