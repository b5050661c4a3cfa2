using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Onet;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// The search index finds its candidates through indexes (words, the sorted vocabulary, bigram lists ordered by word
/// length, the q-gram count filter) and keeps only the first answers. None of that may change an answer: each is
/// compared with the ranking's definition applied to every name and alias of the graph, word by word against the
/// whole vocabulary.
/// </summary>
public sealed class SearchIndexTests
{
    private const int First = 20;

    [Fact]
    public void The_edit_distance_within_a_budget_is_the_whole_tables_and_past_it_more_than_the_budget()
    {
        // Words of a small alphabet, so that many pairs are close, transposed or of other lengths.
        var random = new Random(11);
        string Word() => new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abcd "[random.Next(5)])]);
        for (var round = 0; round < 20_000; round++)
        {
            var (a, b, budget) = (Word(), Word(), random.Next(0, 4));
            var (whole, measured) = (OptimalStringAlignment(a, b), SearchIndex.EditDistance(a, b, budget));
            Assert.True(whole <= budget ? measured == whole : measured > budget, $"'{a}' and '{b}' with a budget of {budget}: {measured}, the whole table {whole}");
        }
    }

    /// <summary>The distance EditDistance computes, from every cell of the table.</summary>
    private static int OptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    [Fact]
    public void On_the_seeds_every_answer_is_what_scoring_every_name_and_alias_gives() =>
        AssertAsDefined(SeedFiles.Read(RepoPaths.Seeds), queries: 400, seed: 3);

    [Fact]
    public void After_curation_writes_the_overlay_answers_as_a_fresh_index_would()
    {
        var graph = SeedFiles.Read(RepoPaths.Seeds);
        var random = new Random(5);
        var careers = graph.Careers.Select(c => c.Id).ToArray();
        var aliases = Enumerable.Range(0, 40)
            .Select(i => new Alias($"{Pick(random, graph.Skills).Name} {(i % 2 == 0 ? "Wrangler" : "Lead")} {i}", careers[random.Next(careers.Length)]))
            .ToList();
        var index = new GraphIndex(graph);
        foreach (var alias in aliases) index = index.With(ChangePlanner.Plan(new ChangeSet("test", [new AddAlias(alias)]), index));

        AssertAsDefined(graph with { Aliases = [.. graph.Aliases, .. aliases] }, queries: 300, seed: 4, index);
    }

    [SkippableFact]
    public void On_onet_every_answer_is_what_scoring_every_name_and_alias_gives()
    {
        Skip.If(RepoPaths.OnetData is null, "../shared/data/onet-27.0 is absent: the search on real O*NET is not compared.");
        var graph = OnetMapping.ToGraph(OnetDatabase.Read(RepoPaths.OnetData!), GraphDocument.Empty).Document;
        AssertAsDefined(graph, queries: 60, seed: 7);
    }

    private static void AssertAsDefined(GraphDocument graph, int queries, int seed, GraphIndex? index = null)
    {
        index ??= new GraphIndex(graph);
        var definition = new Definition(graph);
        var random = new Random(seed);
        for (var i = 0; i < queries; i++)
        {
            var text = Query(random, definition);
            var found = index.Search.Find(new SearchQuery(text, new HashSet<NodeKind>(), First));
            Assert.True(Describe(definition.Find(text)) == Describe(found), $"The answers to \"{text}\" differ from the definition.");
        }
    }

    private static string Describe(IEnumerable<SearchHit> hits) =>
        string.Join("\n", hits.Select(h => $"{h.Node.Id} {h.MatchedText} {h.ViaAlias} {h.Score}"));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>What users type: names and words of names, their beginnings and parts, with typos, and single letters.</summary>
    private static string Query(Random random, Definition definition)
    {
        var name = Pick(random, definition.Entries).Text;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var word = Pick(random, words);
        return random.Next(10) switch
        {
            0 => name,
            1 => Typo(random, name),
            2 => word,
            3 or 4 => Typo(random, word),
            5 => word[..Math.Max(1, random.Next(word.Length + 1))],
            6 => word.Length > 3 ? word[1..^1] : word,
            7 => string.Join(' ', words.Take(2).Select(w => random.Next(2) == 0 ? Typo(random, w) : w)),
            8 => Typo(random, Typo(random, word)),
            _ => ((char)('a' + random.Next(26))).ToString(),
        };
    }

    private static string Typo(Random random, string text)
    {
        if (text.Length < 2) return text + "x";
        var at = random.Next(text.Length - 1);
        return random.Next(4) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, "e"),
            2 => text[..at] + 'o' + text[(at + 1)..],
            _ => text[..at] + text[at + 1] + text[at] + text[(at + 2)..],
        };
    }

    /// <summary>
    /// The ranking as <see cref="SearchIndex"/> documents it, with no index: every entry scored, every vocabulary word
    /// measured against every query word.
    /// </summary>
    private sealed class Definition
    {
        public readonly record struct Entry(string Key, string[] Words, string Text, GraphNode Node, bool ViaAlias);

        public List<Entry> Entries { get; } = [];
        private readonly string[] _vocabulary;
        private readonly Dictionary<string, int> _requiredBy;

        public Definition(GraphDocument graph)
        {
            var nodes = graph.Nodes.ToDictionary(n => n.Id);
            foreach (var node in nodes.Values) Entries.Add(Of(node.Name, Names.Key(node.Name), node, viaAlias: false));
            foreach (var alias in graph.Aliases)
                if (nodes.TryGetValue(alias.TargetId, out var node)) Entries.Add(Of(alias.Name, alias.Key, node, viaAlias: true));
            _vocabulary = [.. Entries.SelectMany(e => e.Words).Distinct()];
            _requiredBy = graph.Edges.Where(e => e.Kind == EdgeKind.Requires).GroupBy(e => e.Target).ToDictionary(g => g.Key, g => g.Count());
        }

        private static Entry Of(string text, string key, GraphNode node, bool viaAlias) =>
            new(key, key.Split(' ', StringSplitOptions.RemoveEmptyEntries), text, node, viaAlias);

        private static int Budget(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };

        public IReadOnlyList<SearchHit> Find(string query)
        {
            var text = Names.Key(query);
            if (text.Length == 0) return [];
            var closeness = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => _vocabulary
                .Select(v => (Word: v, Distance: v.StartsWith(word, StringComparison.Ordinal) ? 0 : SearchIndex.EditDistance(word, v, Budget(word.Length))))
                .Where(v => v.Distance <= Budget(word.Length))
                .ToDictionary(v => v.Word, v => v.Distance)).ToArray();
            var best = new Dictionary<string, (double Score, Entry Entry)>();
            foreach (var entry in Entries)
            {
                var score = Score(text, closeness, entry.Key, entry.Words) * (entry.ViaAlias ? 0.95 : 1);
                if (score <= 0) continue;
                if (!best.TryGetValue(entry.Node.Id, out var current) || score > current.Score
                    || score == current.Score && current.Entry.ViaAlias && (!entry.ViaAlias || string.CompareOrdinal(entry.Key, current.Entry.Key) < 0))
                    best[entry.Node.Id] = (score, entry);
            }
            return [.. best.Values
                .OrderByDescending(b => b.Score)
                .ThenBy(b => b.Entry.Node.Kind)
                .ThenByDescending(b => _requiredBy.GetValueOrDefault(b.Entry.Node.Id))
                .ThenBy(b => b.Entry.Key.Length)
                .ThenBy(b => b.Entry.Node.Id, StringComparer.Ordinal)
                .Take(First)
                .Select(b => new SearchHit(b.Entry.Node, b.Entry.Text, b.Entry.ViaAlias, Math.Round(b.Score, 4)))];
        }

        /// <summary>Exact, prefix, substring; then typos word by word, or of the whole text.</summary>
        private static double Score(string text, Dictionary<string, int>[] closeness, string key, string[] words)
        {
            if (key == text) return 1.0;
            if (key.StartsWith(text, StringComparison.Ordinal)) return key[text.Length] == ' ' ? 0.9 : 0.85;
            if (key.IndexOf(text, StringComparison.Ordinal) is > 0 and var at) return key[at - 1] == ' ' ? 0.8 : 0.7;
            var distances = closeness.Select(close => words.Where(close.ContainsKey).Select(w => close[w]).DefaultIfEmpty(-1).Where(d => d >= 0).ToList())
                .Where(found => found.Count > 0).Select(found => found.Min()).ToList();
            var textBudget = Budget(text.Length);
            if (distances.Count > 0 && SearchIndex.EditDistance(text, key, textBudget) is var d && d <= textBudget) return 0.65 - 0.05 * d;
            return distances.Count == closeness.Length ? 0.5 - 0.05 * Math.Min(distances.Sum(), 5) : 0;
        }
    }
}
