using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Embedded;

/// <summary>
/// Ranks names and aliases against a text: exact, then prefix (whole words before part of a word: "cloud" is closer
/// to "Cloud Engineer" than to "CloudWorks"), word prefix, substring, then within a small edit distance (optimal
/// string alignment, so "pyhton" finds Python). Equal scores go to careers, then skills, then industries; then to
/// the node more careers require (a well-known skill before an obscure product); then to the shorter name.
/// Words are numbered once in a vocabulary, so a query measures each distinct word once rather than once per name.
/// </summary>
internal sealed class SearchIndex
{
    private readonly Entry[] _entries;
    private readonly string[] _vocabulary;
    private readonly IReadOnlyDictionary<string, GraphNode> _nodes;
    private readonly Dictionary<string, int> _requiredBy;

    private sealed record Entry(string Key, int[] Words, string Text, string NodeId, NodeKind Kind, bool ViaAlias);

    public SearchIndex(IEnumerable<GraphNode> nodes, IEnumerable<Alias> aliases, IEnumerable<Edge> edges, IReadOnlyDictionary<string, GraphNode> byId)
    {
        _nodes = byId;
        _requiredBy = edges.Where(e => e.Kind == EdgeKind.Requires).CountBy(e => e.Target).ToDictionary(StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        Entry NewEntry(string text, string id, NodeKind kind, bool viaAlias)
        {
            var key = Names.Key(text);
            var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => vocabulary.TryGetValue(w, out var n) ? n : vocabulary[w] = vocabulary.Count)
                .ToArray();
            return new Entry(key, words, text, id, kind, viaAlias);
        }
        _entries =
        [
            .. nodes.Select(n => NewEntry(n.Name, n.Id, n.Kind, viaAlias: false)),
            .. aliases.Where(a => byId.ContainsKey(a.TargetId))
                      .Select(a => NewEntry(a.Name, a.TargetId, byId[a.TargetId].Kind, viaAlias: true)),
        ];
        _vocabulary = new string[vocabulary.Count];
        foreach (var (word, number) in vocabulary) _vocabulary[number] = word;
    }

    public IReadOnlyList<SearchHit> Find(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var text = Names.Key(query.Text);
        if (text.Length == 0 || query.First <= 0) return [];
        var queryWords = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var closeness = queryWords.Select(Closeness).ToArray();
        var textBudget = TypoBudget(text.Length);

        var best = new Dictionary<string, (double Score, Entry Entry)>();
        foreach (var entry in _entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query.Kinds.Count > 0 && !query.Kinds.Contains(entry.Kind)) continue;
            var score = Score(text, textBudget, closeness, entry);
            if (score <= 0) continue;
            if (entry.ViaAlias) score *= 0.95;
            if (!best.TryGetValue(entry.NodeId, out var current) || score > current.Score)
                best[entry.NodeId] = (score, entry);
        }
        return best.Values
            .OrderByDescending(b => b.Score)
            .ThenBy(b => b.Entry.Kind)
            .ThenByDescending(b => _requiredBy.GetValueOrDefault(b.Entry.NodeId))
            .ThenBy(b => b.Entry.Key.Length)
            .ThenBy(b => b.Entry.NodeId, StringComparer.Ordinal)
            .Take(query.First)
            .Select(b => new SearchHit(_nodes[b.Entry.NodeId], b.Entry.Text, b.Entry.ViaAlias, Math.Round(b.Score, 4)))
            .ToList();
    }

    /// <summary>For one query word, its distance to every vocabulary word: 0 for a prefix, byte.MaxValue for too far.</summary>
    private byte[] Closeness(string word)
    {
        var budget = TypoBudget(word.Length);
        var distances = new byte[_vocabulary.Length];
        for (var i = 0; i < _vocabulary.Length; i++)
        {
            var candidate = _vocabulary[i];
            distances[i] = candidate.StartsWith(word, StringComparison.Ordinal) ? (byte)0
                : Math.Abs(candidate.Length - word.Length) > budget ? byte.MaxValue
                : EditDistance(word, candidate, budget) is var d && d <= budget ? (byte)d : byte.MaxValue;
        }
        return distances;
    }

    private static double Score(string text, int textBudget, byte[][] closeness, Entry entry)
    {
        var key = entry.Key;
        if (key == text) return 1.0;
        if (key.StartsWith(text, StringComparison.Ordinal)) return key[text.Length] == ' ' ? 0.9 : 0.85;
        if (key.Contains(text, StringComparison.Ordinal))
            return key[key.IndexOf(text, StringComparison.Ordinal) - 1] == ' ' ? 0.8 : 0.7;

        // Typos: every word is close to a word of the name, or (for typos across word boundaries, such as a
        // missing space) the whole text is close to the whole name. The whole-name comparison is the costly one,
        // so it is made only for names that share at least one close word with the text.
        var total = 0;
        var wordsClose = 0;
        foreach (var distances in closeness)
        {
            var closest = (int)byte.MaxValue;
            foreach (var word in entry.Words) closest = Math.Min(closest, distances[word]);
            if (closest == byte.MaxValue) continue;
            wordsClose++;
            total += closest;
        }
        if (wordsClose > 0 && Math.Abs(key.Length - text.Length) <= textBudget && EditDistance(text, key, textBudget) is var d && d <= textBudget)
            return 0.65 - 0.05 * d;
        return wordsClose == closeness.Length ? 0.5 - 0.05 * Math.Min(total, 5) : 0;
    }

    private static int TypoBudget(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };

    /// <summary>Optimal string alignment distance, giving up (returning budget + 1) once past the budget.</summary>
    internal static int EditDistance(string a, string b, int budget)
    {
        if (b.Length > 256) return budget + 1;
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
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
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
