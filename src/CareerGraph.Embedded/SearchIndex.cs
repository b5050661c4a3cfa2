using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Embedded;

/// <summary>
/// Ranks names and aliases against a text: exact, then prefix (whole words before part of a word: "cloud" is closer
/// to "Cloud Engineer" than to "CloudWorks"), word prefix, substring, then within a small edit distance (optimal
/// string alignment, so "pyhton" finds Python). Equal scores go to careers, then skills, then industries; then to
/// the node more careers require (a well-known skill before an obscure product); then to the shorter name.
/// </summary>
/// <remarks>
/// A query scores only the entries that can match, found through indexes, so its cost follows the matches rather
/// than the size of the vocabulary: each word of a name or alias lists the entries using it; the sorted vocabulary
/// gives the words a query word begins; and each padded bigram ("^py", "py", …, "n$") lists the words holding it,
/// which gives the words containing a query word and, by the q-gram count filter, the few candidates worth an
/// edit-distance check. The index is immutable: <see cref="With"/> rebuilds the entries of the nodes a change
/// touches and copies only the word and bigram lists they use.
/// </remarks>
internal sealed class SearchIndex
{
    private readonly ImmutableDictionary<string, GraphNode> _nodes;
    private readonly ImmutableDictionary<string, int> _requiredBy;
    private readonly ImmutableDictionary<string, Entry[]> _entriesByNode;
    private readonly ImmutableDictionary<string, Entry[]> _entriesByWord;
    private readonly ImmutableSortedSet<string> _words;
    private readonly ImmutableDictionary<int, string[]> _wordsByBigram;

    internal sealed record Entry(string Key, string[] Words, string Text, string NodeId, NodeKind Kind, bool ViaAlias)
    {
        /// <param name="word">The vocabulary's own copy of a word, so entries share one string per word.</param>
        public static Entry Of(string text, GraphNode node, bool viaAlias, Func<string, string> word)
        {
            var key = Names.Key(text);
            return new(key, [.. key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word)], text, node.Id, node.Kind, viaAlias);
        }

        // Entries are compared by reference: the index holds each once, and value equality would hash every field.
        public bool Equals(Entry? other) => ReferenceEquals(this, other);
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }

    public SearchIndex(IEnumerable<GraphNode> nodes, IEnumerable<Alias> aliases, IEnumerable<Edge> edges, ImmutableDictionary<string, GraphNode> byId)
    {
        _nodes = byId;
        _requiredBy = edges.Where(e => e.Kind == EdgeKind.Requires).CountBy(e => e.Target).ToImmutableDictionary(StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, string>(StringComparer.Ordinal);
        string Word(string word) => CollectionsMarshal.GetValueRefOrAddDefault(vocabulary, word, out _) ??= word;
        var entries = nodes.Select(n => Entry.Of(n.Name, n, viaAlias: false, Word))
            .Concat(aliases.Where(a => byId.ContainsKey(a.TargetId)).Select(a => Entry.Of(a.Name, byId[a.TargetId], viaAlias: true, Word)))
            .ToList();
        _entriesByNode = entries.GroupBy(e => e.NodeId).ToImmutableDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _entriesByWord = entries.SelectMany(e => e.Words.Distinct().Select(w => (Word: w, Entry: e)))
            .GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Select(x => x.Entry).ToArray(), StringComparer.Ordinal);
        _words = _entriesByWord.Keys.ToImmutableSortedSet(StringComparer.Ordinal);
        _wordsByBigram = _words.SelectMany(w => Bigrams(w).Distinct().Select(b => (Bigram: b, Word: w)))
            .GroupBy(x => x.Bigram)
            .ToImmutableDictionary(g => g.Key, g => g.Select(x => x.Word).ToArray());
    }

    private SearchIndex(
        ImmutableDictionary<string, GraphNode> nodes, ImmutableDictionary<string, int> requiredBy, ImmutableDictionary<string, Entry[]> entriesByNode,
        ImmutableDictionary<string, Entry[]> entriesByWord, ImmutableSortedSet<string> words, ImmutableDictionary<int, string[]> wordsByBigram)
    {
        (_nodes, _requiredBy, _entriesByNode, _entriesByWord, _words, _wordsByBigram) = (nodes, requiredBy, entriesByNode, entriesByWord, words, wordsByBigram);
    }

    /// <summary>The entries (name, then aliases) a node is found by.</summary>
    internal IReadOnlyList<Entry> EntriesOf(string id) => _entriesByNode.GetValueOrDefault(id) ?? [];

    /// <summary>
    /// This index after a change: the entries of <paramref name="touched"/> nodes are made again from
    /// <paramref name="nodes"/> and their aliases (an entry whose text is unchanged is kept as it is), and
    /// <paramref name="required"/> adds to or takes from how many careers require a skill.
    /// </summary>
    public SearchIndex With(
        IEnumerable<string> touched, ImmutableDictionary<string, GraphNode> nodes, Func<string, IReadOnlyList<Alias>> aliasesOf,
        IEnumerable<(string Skill, int Change)> required)
    {
        var requiredBy = _requiredBy.ToBuilder();
        foreach (var (skill, change) in required)
            requiredBy[skill] = requiredBy.GetValueOrDefault(skill) + change;

        var entriesByNode = _entriesByNode.ToBuilder();
        var gone = new HashSet<Entry>();
        var come = new List<Entry>();
        string Word(string word) => _entriesByWord.TryGetKey(word, out var known) ? known : word;
        foreach (var id in touched.Distinct())
        {
            var before = EntriesOf(id).ToDictionary(e => (e.Text, e.Kind, e.ViaAlias));
            Entry[] after = nodes.GetValueOrDefault(id) is { } node
                ? [Entry.Of(node.Name, node, viaAlias: false, Word), .. aliasesOf(id).Select(a => Entry.Of(a.Name, node, viaAlias: true, Word))]
                : [];
            after = [.. after.Select(e => before.Remove((e.Text, e.Kind, e.ViaAlias), out var kept) ? kept : e)];
            gone.UnionWith(before.Values);
            come.AddRange(after.Where(e => !EntriesOf(id).Contains(e)));
            if (after.Length > 0) entriesByNode[id] = after;
            else entriesByNode.Remove(id);
        }
        if (gone.Count == 0 && come.Count == 0)
            return new(nodes, requiredBy.ToImmutable(), _entriesByNode, _entriesByWord, _words, _wordsByBigram);

        var entriesByWord = _entriesByWord.ToBuilder();
        var words = _words.ToBuilder();
        var wordsByBigram = _wordsByBigram.ToBuilder();
        var comeByWord = come.SelectMany(e => e.Words.Distinct().Select(w => (Word: w, Entry: e))).ToLookup(x => x.Word, x => x.Entry, StringComparer.Ordinal);
        foreach (var word in gone.SelectMany(e => e.Words).Concat(comeByWord.Select(g => g.Key)).Distinct())
        {
            var before = entriesByWord.GetValueOrDefault(word) ?? [];
            // Spreading arrays allocates the exact size: a common word's list is copied once, not grown.
            Entry[] kept = before.Any(gone.Contains) ? [.. before.Where(e => !gone.Contains(e))] : before;
            Entry[] after = [.. kept, .. comeByWord[word].ToArray()];
            if (after.Length > 0) entriesByWord[word] = after;
            else entriesByWord.Remove(word);
            if (before.Length > 0 == after.Length > 0) continue;
            // A word enters or leaves the vocabulary.
            if (after.Length > 0) words.Add(word);
            else words.Remove(word);
            foreach (var bigram in Bigrams(word).Distinct())
            {
                var holders = wordsByBigram.GetValueOrDefault(bigram) ?? [];
                string[] updated = after.Length > 0 ? [.. holders, word] : [.. holders.Where(w => w != word)];
                if (updated.Length > 0) wordsByBigram[bigram] = updated;
                else wordsByBigram.Remove(bigram);
            }
        }
        return new(nodes, requiredBy.ToImmutable(), entriesByNode.ToImmutable(), entriesByWord.ToImmutable(), words.ToImmutable(), wordsByBigram.ToImmutable());
    }

    public IReadOnlyList<SearchHit> Find(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var text = Names.Key(query.Text);
        if (text.Length == 0 || query.First <= 0) return [];
        var queryWords = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var closeness = queryWords.Select(Closeness).ToArray();
        var textBudget = TypoBudget(text.Length);

        var best = new Dictionary<string, (double Score, Entry Entry)>();
        foreach (var entry in Candidates(text, textBudget, queryWords, closeness))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query.Kinds.Count > 0 && !query.Kinds.Contains(entry.Kind)) continue;
            var score = Score(text, textBudget, closeness, entry);
            if (score <= 0) continue;
            if (entry.ViaAlias) score *= 0.95;
            // On equal scores a node is found by its name, else by its first alias (in key order).
            if (!best.TryGetValue(entry.NodeId, out var current) || score > current.Score
                || score == current.Score && current.Entry.ViaAlias && (!entry.ViaAlias || string.CompareOrdinal(entry.Key, current.Entry.Key) < 0))
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

    /// <summary>
    /// Every entry that can score above zero: those containing the text (each of its words is then part of a word
    /// of the entry, the longest one too), and those with a word close to a query word. The latter must be close in
    /// every query word, or close to the text as a whole and so about as long: all entries are taken for the query
    /// word with the fewest, for the other words only those of about the text's length.
    /// </summary>
    private HashSet<Entry> Candidates(string text, int textBudget, string[] queryWords, Dictionary<string, byte>[] closeness)
    {
        var candidates = new HashSet<Entry>();
        foreach (var word in WordsContaining(queryWords.MaxBy(w => w.Length)!))
            foreach (var entry in _entriesByWord[word])
                if (entry.Key.Contains(text, StringComparison.Ordinal)) candidates.Add(entry);

        var sizes = closeness.Select(close => close.Keys.Sum(w => _entriesByWord[w].Length)).ToArray();
        var fewest = Array.IndexOf(sizes, sizes.Min());
        for (var i = 0; i < closeness.Length; i++)
            foreach (var word in closeness[i].Keys)
                foreach (var entry in _entriesByWord[word])
                    if (Math.Abs(entry.Key.Length - text.Length) <= textBudget || i == fewest && CloseInEveryWord(entry, closeness))
                        candidates.Add(entry);
        return candidates;
    }

    private static bool CloseInEveryWord(Entry entry, Dictionary<string, byte>[] closeness)
    {
        foreach (var close in closeness)
        {
            var found = false;
            foreach (var word in entry.Words) found |= close.ContainsKey(word);
            if (!found) return false;
        }
        return true;
    }

    /// <summary>The vocabulary words that contain a query word.</summary>
    private IEnumerable<string> WordsContaining(string word)
    {
        // One letter: most words hold it, and the matches are most of the graph anyway.
        if (word.Length < 2) return _words.Where(w => w.Contains(word, StringComparison.Ordinal));
        var rarest = Enumerable.Range(0, word.Length - 1).Select(i => Bigram(word[i], word[i + 1]))
            .MinBy(b => _wordsByBigram.GetValueOrDefault(b)?.Length ?? 0);
        return (_wordsByBigram.GetValueOrDefault(rarest) ?? []).Where(w => w.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>For one query word, the vocabulary words close to it and how far: 0 for a prefix, else the edit distance.</summary>
    private Dictionary<string, byte> Closeness(string word)
    {
        var close = new Dictionary<string, byte>(StringComparer.Ordinal);
        var start = _words.IndexOf(word);
        for (var i = start < 0 ? ~start : start; i < _words.Count && _words[i].StartsWith(word, StringComparison.Ordinal); i++)
            close[_words[i]] = 0;

        var budget = TypoBudget(word.Length);
        if (budget == 0) return close;
        // The q-gram count filter: one edit breaks at most three of a word's padded bigrams (a transposition
        // does), so a word within the budget shares at least (length + 1) − 3 × budget of them. Only those
        // are measured.
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bigram in Bigrams(word))
            foreach (var candidate in _wordsByBigram.GetValueOrDefault(bigram) ?? [])
                if (Math.Abs(candidate.Length - word.Length) <= budget)
                    CollectionsMarshal.GetValueRefOrAddDefault(shared, candidate, out _)++;
        var needed = word.Length + 1 - 3 * budget;
        foreach (var (candidate, count) in shared)
        {
            if (count < needed || close.ContainsKey(candidate)) continue;
            if (EditDistance(word, candidate, budget) is var d && d <= budget) close[candidate] = (byte)d;
        }
        return close;
    }

    /// <summary>The bigrams of a word between a start and an end mark (control characters no name holds).</summary>
    private static IEnumerable<int> Bigrams(string word)
    {
        var previous = '\u0002';
        foreach (var c in word)
        {
            yield return Bigram(previous, c);
            previous = c;
        }
        yield return Bigram(previous, '\u0003');
    }

    private static int Bigram(char first, char second) => first << 16 | second;

    private static double Score(string text, int textBudget, Dictionary<string, byte>[] closeness, Entry entry)
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
            foreach (var word in entry.Words)
                if (distances.TryGetValue(word, out var distance)) closest = Math.Min(closest, distance);
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
