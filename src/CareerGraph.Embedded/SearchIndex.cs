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
/// edit-distance check. Those indexes are the base: built once, never changed. A change is an overlay: the
/// entries of the nodes it touches (renamed, gone, aliases added or removed) replace theirs in the base; a query
/// leaves out the base's entries gone since and scores the few new ones directly, besides the base's candidates. The store folds the overlay into a new
/// base in the background before it grows large (<see cref="OverlaySize"/>).
/// </remarks>
internal sealed class SearchIndex
{
    private readonly Func<string, GraphNode?> _node;
    private readonly Base _base;

    /// <summary>The entries of the nodes changed since the base, replacing theirs there (empty: none now).</summary>
    private readonly ImmutableDictionary<string, Entry[]> _changed;

    /// <summary>The base's entries that <see cref="_changed"/> no longer holds (a rename's old name, an alias removed).</summary>
    private readonly HashSet<Entry> _removed;

    /// <summary>How many careers require each skill, for the skills whose count changed since the base.</summary>
    private readonly ImmutableDictionary<string, int> _requiredByChanged;

    /// <summary>The entries of <see cref="_changed"/> the base does not hold (a new name, an alias added), and the words they use.</summary>
    private readonly Entry[] _overlayEntries;
    private readonly string[] _overlayWords;

    /// <summary>How many bigrams each vocabulary word shares with the query word being measured (by place; zeros between uses).</summary>
    [ThreadStatic] private static int[]? t_sharedBigrams;

    /// <summary>The places counted in <see cref="t_sharedBigrams"/> for the query word being measured.</summary>
    [ThreadStatic] private static List<int>? t_counted;

    internal sealed record Entry(string Key, string[] Words, string Text, string NodeId, NodeKind Kind, bool ViaAlias)
    {
        /// <param name="key">The text's <see cref="Names.Key"/>.</param>
        /// <param name="word">The vocabulary's own copy of a word, so entries share one string per word.</param>
        public static Entry Of(string text, string key, GraphNode node, bool viaAlias, Func<ReadOnlySpan<char>, string> word)
        {
            // Words are cut from the key as spans: a word the vocabulary holds costs no string of its own.
            var count = 0;
            foreach (var range in key.AsSpan().Split(' ')) count += key.AsSpan()[range].IsEmpty ? 0 : 1;
            var words = new string[count];
            count = 0;
            foreach (var range in key.AsSpan().Split(' '))
                if (!key.AsSpan()[range].IsEmpty) words[count++] = word(key.AsSpan()[range]);
            return new(key, words, text, node.Id, node.Kind, viaAlias);
        }

        // Entries are compared by reference: the index holds each once, and value equality would hash every field.
        public bool Equals(Entry? other) => ReferenceEquals(this, other);
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }

    /// <summary>The read-optimised indexes, built once from every entry.</summary>
    private sealed class Base
    {
        public required Dictionary<string, Entry[]> EntriesByNode { get; init; }

        /// <summary>
        /// The entries using each vocabulary word, word after word in the order of <see cref="Words"/>: those of the
        /// word at place p start at <see cref="WordEntriesStart"/>[p] and end where those of p + 1 start. One array
        /// rather than one per word: a large graph's vocabulary has hundreds of thousands of words used once.
        /// </summary>
        public required Entry[] WordEntries { get; init; }
        public required int[] WordEntriesStart { get; init; }

        /// <summary>The vocabulary, in ordinal order: the words a query word begins are a run of it.</summary>
        public required string[] Words { get; init; }

        /// <summary>The length of each word of <see cref="Words"/>, at its place: read without touching the strings.</summary>
        public required int[] WordLengths { get; init; }

        /// <summary>
        /// For each bigram, the vocabulary words holding it, as their places in <see cref="Words"/>, shortest words
        /// first: the words of about a query word's length are one run of the list (<see cref="OfLength"/>).
        /// </summary>
        public required Dictionary<int, int[]> WordsByBigram { get; init; }
        public required Dictionary<string, int> RequiredBy { get; init; }
    }

    /// <param name="requiredSkills">The target of every REQUIRES edge: how many careers require a skill ranks it.</param>
    /// <param name="node">The node of an id, as of the snapshot this index belongs to.</param>
    public SearchIndex(IEnumerable<GraphNode> nodes, IEnumerable<Alias> aliases, IEnumerable<string> requiredSkills, Func<string, GraphNode?> node)
    {
        _node = node;
        var vocabulary = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        string Word(ReadOnlySpan<char> word)
        {
            if (known.TryGetValue(word, out var shared)) return shared;
            shared = word.ToString();
            vocabulary.Add(shared, shared);
            return shared;
        }
        var entries = nodes.Select(n => Entry.Of(n.Name, Names.Key(n.Name), n, viaAlias: false, Word))
            .Concat(aliases.Select(a => (Alias: a, Node: node(a.TargetId))).Where(a => a.Node is not null).Select(a => Entry.Of(a.Alias.Name, a.Alias.Key, a.Node!, viaAlias: true, Word)))
            .ToList();

        var nodePairs = new List<(string, Entry)>(entries.Count);
        foreach (var entry in entries) nodePairs.Add((entry.NodeId, entry));
        var byNode = Grouping.Of<string, Entry>(CollectionsMarshal.AsSpan(nodePairs), StringComparer.Ordinal);

        var words = vocabulary.Keys.ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        // Entries hold the vocabulary's own strings, so a word's place is found by reference.
        var placeOf = new Dictionary<string, int>(words.Length, ReferenceEqualityComparer.Instance);
        for (var place = 0; place < words.Length; place++) placeOf.Add(words[place], place);
        var wordEntriesStart = new int[words.Length + 1];
        foreach (var entry in entries)
            for (var i = 0; i < entry.Words.Length; i++)
                if (Array.IndexOf(entry.Words, entry.Words[i], 0, i) < 0) wordEntriesStart[placeOf[entry.Words[i]] + 1]++;
        for (var place = 1; place <= words.Length; place++) wordEntriesStart[place] += wordEntriesStart[place - 1];
        var wordEntries = new Entry[wordEntriesStart[words.Length]];
        var filled = wordEntriesStart[..words.Length];
        foreach (var entry in entries)
            for (var i = 0; i < entry.Words.Length; i++)
                if (Array.IndexOf(entry.Words, entry.Words[i], 0, i) < 0) wordEntries[filled[placeOf[entry.Words[i]]]++] = entry;

        var bigramPairs = new List<(int, int)>(words.Sum(w => w.Length + 1));
        var seen = new List<int>();
        for (var place = 0; place < words.Length; place++)
        {
            seen.Clear();
            for (var i = 0; i <= words[place].Length; i++)
            {
                var bigram = PaddedBigram(words[place], i);
                if (seen.Contains(bigram)) continue;
                seen.Add(bigram);
                bigramPairs.Add((bigram, place));
            }
        }
        var byBigram = Grouping.Of<int, int>(CollectionsMarshal.AsSpan(bigramPairs));
        var lengths = words.Select(w => w.Length).ToArray();
        foreach (var places in byBigram.Values) Array.Sort(places, (a, b) => lengths[a] != lengths[b] ? lengths[a] - lengths[b] : a - b);

        _base = new Base
        {
            EntriesByNode = byNode,
            WordEntries = wordEntries,
            WordEntriesStart = wordEntriesStart,
            Words = words,
            WordLengths = lengths,
            WordsByBigram = byBigram,
            RequiredBy = requiredSkills.CountBy(id => id).ToDictionary(StringComparer.Ordinal),
        };
        _changed = ImmutableDictionary.Create<string, Entry[]>(StringComparer.Ordinal);
        _requiredByChanged = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
        (_overlayEntries, _overlayWords, _removed) = ([], [], []);
    }

    private SearchIndex(Func<string, GraphNode?> node, Base @base, ImmutableDictionary<string, Entry[]> changed, ImmutableDictionary<string, int> requiredByChanged)
    {
        (_node, _base, _changed, _requiredByChanged) = (node, @base, changed, requiredByChanged);
        // An entry kept through a change is the base's own object: compared by reference, only the differences remain.
        var added = new List<Entry>();
        _removed = [];
        foreach (var (id, entries) in changed)
        {
            var before = @base.EntriesByNode.GetValueOrDefault(id) ?? [];
            added.AddRange(entries.Where(e => Array.IndexOf(before, e) < 0));
            _removed.UnionWith(before.Where(e => Array.IndexOf(entries, e) < 0));
        }
        _overlayEntries = [.. added];
        _overlayWords = [.. added.SelectMany(e => e.Words).Distinct()];
    }

    /// <summary>How many entries the overlay holds: each query scores them all, so the store keeps it small.</summary>
    public int OverlaySize => _overlayEntries.Length + _removed.Count + _changed.Count;

    /// <summary>The entries (name, then aliases) a node is found by.</summary>
    internal IReadOnlyList<Entry> EntriesOf(string id) =>
        (_changed.Count > 0 && _changed.TryGetValue(id, out var changed) ? changed : _base.EntriesByNode.GetValueOrDefault(id)) ?? [];

    private int RequiredBy(string id) =>
        _requiredByChanged.Count > 0 && _requiredByChanged.TryGetValue(id, out var count) ? count : _base.RequiredBy.GetValueOrDefault(id);

    /// <summary>Whether an entry of the base still stands (its node's entries did not change since).</summary>
    private bool Live(Entry entry) => _removed.Count == 0 || !_removed.Contains(entry);

    /// <summary>
    /// This index after a change: the entries of <paramref name="touched"/> nodes are made again from the snapshot's
    /// <paramref name="node"/> and their aliases (an entry whose text is unchanged is kept as it is) and go to the
    /// overlay, and <paramref name="required"/> adds to or takes from how many careers require a skill.
    /// </summary>
    public SearchIndex With(
        IEnumerable<string> touched, Func<string, GraphNode?> node, Func<string, IReadOnlyList<Alias>> aliasesOf,
        IEnumerable<(string Skill, int Change)> required)
    {
        var requiredBy = _requiredByChanged.ToBuilder();
        foreach (var (skill, change) in required)
            requiredBy[skill] = (requiredBy.TryGetValue(skill, out var count) ? count : _base.RequiredBy.GetValueOrDefault(skill)) + change;

        var changed = _changed.ToBuilder();
        foreach (var id in touched.Distinct())
        {
            var before = EntriesOf(id).ToDictionary(e => (e.Text, e.Kind, e.ViaAlias));
            Entry[] after = node(id) is { } current
                ? [Entry.Of(current.Name, Names.Key(current.Name), current, viaAlias: false, Same), .. aliasesOf(id).Select(a => Entry.Of(a.Name, a.Key, current, viaAlias: true, Same))]
                : [];
            changed[id] = [.. after.Select(e => before.Remove((e.Text, e.Kind, e.ViaAlias), out var kept) ? kept : e)];
        }
        return new(node, _base, changed.ToImmutable(), requiredBy.ToImmutable());

        static string Same(ReadOnlySpan<char> word) => word.ToString();
    }

    public IReadOnlyList<SearchHit> Find(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var text = Names.Key(query.Text);
        if (text.Length == 0 || query.First <= 0) return [];
        var queryWords = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var textBudget = TypoBudget(text.Length);
        var best = new Dictionary<string, (double Score, Entry Entry)>(StringComparer.Ordinal);

        // Names that are the text or begin with it outrank every other match: the lowest such score, an alias's
        // 0.85 × 0.95, is above the highest other, a name holding the text (0.8). When they are of a page's worth of
        // nodes, no other entry can reach the page, and the costly part (words holding the text, typos) is skipped.
        // As users type, short texts are the common case, and they begin the most names.
        var (from, to) = Beginning(queryWords[0]);
        for (var place = from; place < to; place++)
            foreach (var entry in EntriesWith(place))
                if (entry.Key.StartsWith(text, StringComparison.Ordinal) && Live(entry)) Consider(entry, TextScore(text, entry.Key));
        // The overlay's entries are few: all are scored, here by how they hold the text, below for typos too.
        foreach (var entry in _overlayEntries) Consider(entry, TextScore(text, entry.Key));
        if (NodesBeginningWithText() < query.First)
        {
            var closeness = CloseWords(queryWords);
            foreach (var entry in _overlayEntries) Consider(entry, Score(text, textBudget, closeness, entry));
            var candidates = Candidates(text, textBudget, queryWords, closeness);
            foreach (var entry in candidates) Consider(entry, Score(text, textBudget, closeness, entry));
            Release(candidates);
        }

        // The first nodes in answer order, kept in a heap whose top is the last of them: O(n log First).
        var take = Math.Min(query.First, best.Count);
        var first = new PriorityQueue<Ranked, Ranked>(take + 1, Ranked.LastFirst);
        foreach (var (score, entry) in best.Values)
        {
            var found = new Ranked(score, entry, RequiredBy(entry.NodeId));
            if (first.Count < take) first.Enqueue(found, found);
            else if (Ranked.Compare(found, first.Peek()) < 0) first.EnqueueDequeue(found, found);
        }
        var hits = new SearchHit[take];
        while (first.TryDequeue(out var found, out _))
            hits[first.Count] = new SearchHit(_node(found.Entry.NodeId)!, found.Entry.Text, found.Entry.ViaAlias, Math.Round(found.Score, 4));
        return hits;

        // A node keeps its best entry: considering an entry again changes nothing unless it now scores higher.
        void Consider(Entry entry, double score)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query.Kinds.Count > 0 && !query.Kinds.Contains(entry.Kind)) return;
            if (score <= 0) return;
            if (entry.ViaAlias) score *= AliasWeight;
            // On equal scores a node is found by its name, else by its first alias (in key order).
            ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(best, entry.NodeId, out var exists);
            if (!exists || score > current.Score
                || score == current.Score && current.Entry.ViaAlias && (!entry.ViaAlias || string.CompareOrdinal(entry.Key, current.Entry.Key) < 0))
                current = (score, entry);
        }

        int NodesBeginningWithText()
        {
            var count = 0;
            foreach (var (score, _) in best.Values)
                if (score >= LowestBeginningScore) count++;
            return count;
        }
    }

    /// <summary>What a match through an alias is worth against the same match through the name.</summary>
    private const double AliasWeight = 0.95;

    /// <summary>The lowest score of a name or alias that begins with the text (<see cref="TextScore"/>).</summary>
    private const double LowestBeginningScore = 0.85 * AliasWeight;

    private Dictionary<string, byte>[] CloseWords(string[] queryWords)
    {
        var closeness = new Dictionary<string, byte>[queryWords.Length];
        for (var i = 0; i < queryWords.Length; i++) closeness[i] = Closeness(queryWords[i]);
        return closeness;
    }

    /// <summary>The places of the vocabulary words that begin with a word: a run of the sorted vocabulary, from one up to (not with) the other.</summary>
    private (int From, int To) Beginning(string word)
    {
        var words = _base.Words;
        var from = Array.BinarySearch(words, word, StringComparer.Ordinal);
        if (from < 0) from = ~from;
        var to = from;
        while (to < words.Length && words[to].StartsWith(word, StringComparison.Ordinal)) to++;
        return (from, to);
    }

    /// <summary>
    /// A node found, in answer order: higher score; careers, then skills, then industries; required by more careers;
    /// shorter name; then by id, so that the order is total.
    /// </summary>
    private readonly record struct Ranked(double Score, Entry Entry, int RequiredBy)
    {
        /// <summary>The answer's order as a heap's priority: the node that would be answered last comes out first.</summary>
        public static readonly IComparer<Ranked> LastFirst = Comparer<Ranked>.Create((a, b) => Compare(b, a));

        public static int Compare(Ranked a, Ranked b)
        {
            var order = b.Score.CompareTo(a.Score);
            if (order == 0) order = a.Entry.Kind.CompareTo(b.Entry.Kind);
            if (order == 0) order = b.RequiredBy.CompareTo(a.RequiredBy);
            if (order == 0) order = a.Entry.Key.Length.CompareTo(b.Entry.Key.Length);
            return order != 0 ? order : string.CompareOrdinal(a.Entry.NodeId, b.Entry.NodeId);
        }
    }

    /// <summary>A set of candidates kept for this thread's next query (cleared), unless a query made it large.</summary>
    [ThreadStatic] private static HashSet<Entry>? t_candidates;

    private static void Release(HashSet<Entry> candidates)
    {
        if (candidates.Count > 4096) return;
        candidates.Clear();
        t_candidates = candidates;
    }

    /// <summary>
    /// Every live entry of the base that can score above zero: those containing the text (each of its words is then part of a word
    /// of the entry, the longest one too), and those with a word close to a query word. The latter must be close in
    /// every query word, or close to the text as a whole and so about as long: all entries are taken for the query
    /// word with the fewest, for the other words only those of about the text's length.
    /// </summary>
    private HashSet<Entry> Candidates(string text, int textBudget, string[] queryWords, Dictionary<string, byte>[] closeness)
    {
        var candidates = t_candidates ?? [];
        t_candidates = null;
        var longest = queryWords[0];
        foreach (var word in queryWords)
            if (word.Length > longest.Length) longest = word;
        // A word of one letter has no bigram of its own: every vocabulary word is then looked at.
        if (longest.Length < 2)
            for (var place = 0; place < _base.Words.Length; place++) AddContaining(place);
        else
            foreach (var place in RarestBigramOf(longest)) AddContaining(place);

        var fewest = 0;
        for (int i = 0, fewestSize = int.MaxValue; i < closeness.Length; i++)
        {
            var size = 0;
            foreach (var word in closeness[i].Keys) size += EntriesWith(word).Length;
            if (size < fewestSize) (fewest, fewestSize) = (i, size);
        }
        for (var i = 0; i < closeness.Length; i++)
            foreach (var word in closeness[i].Keys)
                foreach (var entry in EntriesWith(word))
                    if ((Math.Abs(entry.Key.Length - text.Length) <= textBudget || i == fewest && CloseInEveryWord(entry, closeness)) && Live(entry))
                        candidates.Add(entry);
        return candidates;

        void AddContaining(int place)
        {
            if (!_base.Words[place].Contains(longest, StringComparison.Ordinal)) return;
            foreach (var entry in EntriesWith(place))
                if (entry.Key.Contains(text, StringComparison.Ordinal) && Live(entry)) candidates.Add(entry);
        }
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

    /// <summary>The base's entries using the vocabulary word at a place.</summary>
    private ReadOnlySpan<Entry> EntriesWith(int place) =>
        _base.WordEntries.AsSpan(_base.WordEntriesStart[place], _base.WordEntriesStart[place + 1] - _base.WordEntriesStart[place]);

    /// <summary>The base's entries using a word (none for a word only the overlay holds).</summary>
    private ReadOnlySpan<Entry> EntriesWith(string word) =>
        Array.BinarySearch(_base.Words, word, StringComparer.Ordinal) is var place and >= 0 ? EntriesWith(place) : [];

    /// <summary>
    /// The places in the base's vocabulary of the words that hold the rarest bigram of a query word of two letters or
    /// more: every word containing it is among them.
    /// </summary>
    private int[] RarestBigramOf(string word)
    {
        int[]? rarest = null;
        for (var i = 0; i < word.Length - 1; i++)
        {
            var holding = _base.WordsByBigram.GetValueOrDefault(Bigram(word[i], word[i + 1])) ?? [];
            if (rarest is null || holding.Length < rarest.Length) rarest = holding;
        }
        return rarest!;
    }

    /// <summary>The run of a length-ordered list of places whose words are between two lengths.</summary>
    private ReadOnlySpan<int> OfLength(int[] places, int shortest, int longest)
    {
        var lengths = _base.WordLengths;
        var start = FirstAtLeast(shortest);
        return places.AsSpan(start, FirstAtLeast(longest + 1) - start);

        int FirstAtLeast(int length)
        {
            var (low, high) = (0, places.Length);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (lengths[places[middle]] < length) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }

    /// <summary>
    /// For one query word, the vocabulary words close to it and how far: 0 for a prefix, else the edit distance. The
    /// overlay's words are measured one by one (they are few), the base's through its indexes.
    /// </summary>
    private Dictionary<string, byte> Closeness(string word)
    {
        var close = new Dictionary<string, byte>(StringComparer.Ordinal);
        var words = _base.Words;
        var (from, to) = Beginning(word);
        for (var place = from; place < to; place++) close[words[place]] = 0;

        var budget = TypoBudget(word.Length);
        foreach (var candidate in _overlayWords)
        {
            if (candidate.StartsWith(word, StringComparison.Ordinal)) close[candidate] = 0;
            else if (budget > 0 && Math.Abs(candidate.Length - word.Length) <= budget && EditDistance(word, candidate, budget) is var d && d <= budget)
                close.TryAdd(candidate, (byte)d);
        }
        if (budget == 0) return close;
        // The q-gram count filter: one edit breaks at most three of a word's padded bigrams (a transposition
        // does), so a word within the budget shares at least (length + 1) − 3 × budget of them. Only those
        // are measured.
        // Counted by the words' places, in this thread's array, which is left all zeros again.
        var counts = t_sharedBigrams is { } kept && kept.Length >= words.Length ? kept : t_sharedBigrams = new int[words.Length];
        var counted = t_counted ??= [];
        counted.Clear();
        for (var i = 0; i <= word.Length; i++)
            if (_base.WordsByBigram.TryGetValue(PaddedBigram(word, i), out var holding))
                foreach (var place in OfLength(holding, word.Length - budget, word.Length + budget))
                    if (counts[place]++ == 0) counted.Add(place);
        var needed = word.Length + 1 - 3 * budget;
        foreach (var place in counted)
        {
            var count = counts[place];
            counts[place] = 0;
            var candidate = words[place];
            if (count < needed || close.ContainsKey(candidate)) continue;
            if (EditDistance(word, candidate, budget) is var d && d <= budget) close[candidate] = (byte)d;
        }
        return close;
    }

    /// <summary>
    /// The bigram at a place of a word between a start and an end mark (control characters no name holds): place 0
    /// is the start mark and the first letter, place <c>word.Length</c> the last letter and the end mark.
    /// </summary>
    private static int PaddedBigram(string word, int place) =>
        Bigram(place == 0 ? '\u0002' : word[place - 1], place == word.Length ? '\u0003' : word[place]);

    private static int Bigram(char first, char second) => first << 16 | second;

    /// <summary>How a name or alias holds the text: 1 for the text itself, 0.9 or 0.85 when it begins with it (as a whole word or not), 0.8 or 0.7 when it holds it elsewhere, else 0.</summary>
    private static double TextScore(string text, string key)
    {
        if (key == text) return 1.0;
        if (key.StartsWith(text, StringComparison.Ordinal)) return key[text.Length] == ' ' ? 0.9 : 0.85;
        if (key.Contains(text, StringComparison.Ordinal))
            return key[key.IndexOf(text, StringComparison.Ordinal) - 1] == ' ' ? 0.8 : 0.7;
        return 0;
    }

    private static double Score(string text, int textBudget, Dictionary<string, byte>[] closeness, Entry entry)
    {
        var key = entry.Key;
        if (TextScore(text, key) is var holding and > 0) return holding;

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
