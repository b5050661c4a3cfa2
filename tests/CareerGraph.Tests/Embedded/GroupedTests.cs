using CareerGraph.Embedded;

namespace CareerGraph.Tests.Embedded;

/// <summary>
/// The two bases of <see cref="Grouped{TKey,T}"/> hold the same groups: one array sorted by key, found by binary
/// search, answers every read as the hash table of arrays does, from items in order or not, and after changes.
/// </summary>
public sealed class GroupedTests
{
    private sealed record Item(string Key, string Target);

    private static int ByTarget(Item a, Item b) => string.CompareOrdinal(a.Target, b.Target);

    // Keys that order differently by UTF-16 code unit than by code point (a surrogate pair against U+FB01), by case,
    // and by length, as aliases do.
    private static readonly string[] Keys = ["a", "A", "ab", "a b", "b", "ﬁ", "\U0001F600", "data engineer", "data", "é", "e\u0301", ""];

    private static List<Item> RandomItems(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Item(Keys[random.Next(Keys.Length)], $"t{random.Next(12)}"))
            .DistinctBy(i => (i.Key, i.Target))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_sorted_base_answers_every_read_as_the_hash_base_does(int seed)
    {
        var random = new Random(seed);
        var items = RandomItems(random, 80);
        // In order (as a snapshot file or a fresh snapshot gives them) and shuffled (as an import may).
        var ordered = items.OrderBy(i => i.Key, StringComparer.Ordinal).ThenBy(i => i.Target, StringComparer.Ordinal).ToList();
        var shuffled = items.OrderBy(_ => random.Next()).ToList();

        var hashed = Grouped<string, Item>.Of(shuffled, i => i.Key, ByTarget, StringComparer.Ordinal);
        var fromOrdered = Grouped<string, Item>.OfSorted(ordered, i => i.Key, ByTarget, StringComparer.Ordinal);
        var fromShuffled = Grouped<string, Item>.OfSorted(shuffled, i => i.Key, ByTarget, StringComparer.Ordinal);
        AssertSame(hashed, fromOrdered);
        AssertSame(hashed, fromShuffled);

        // Changes land in the overlay over either base alike, with items removed, added and replaced.
        for (var round = 0; round < 20; round++)
        {
            var removed = items.OrderBy(_ => random.Next()).Take(random.Next(4)).ToList();
            var added = RandomItems(random, random.Next(5));
            items = [.. items.Except(removed).Where(i => !added.Contains(i)), .. added];
            (hashed, fromOrdered, fromShuffled) = (hashed.With(removed, added), fromOrdered.With(removed, added), fromShuffled.With(removed, added));
            AssertSame(hashed, fromOrdered);
            AssertSame(hashed, fromShuffled);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_hash_base_puts_each_group_in_its_order_whatever_order_the_items_come_in(int seed)
    {
        var random = new Random(seed);
        var items = RandomItems(random, 80);
        var byTarget = items.OrderBy(i => i.Target, StringComparer.Ordinal).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
        // Every group in order, as when the whole input is (edges by source, for the groups of edges by target); the
        // whole input in order but for its last two items; the reverse; shuffled.
        List<Item>[] inputs =
        [
            byTarget,
            [.. byTarget.SkipLast(2), byTarget[^1], byTarget[^2]],
            [.. Enumerable.Reverse(byTarget)],
            [.. items.OrderBy(_ => random.Next())],
        ];
        foreach (var input in inputs)
        {
            foreach (var grouped in new[]
            {
                Grouped<string, Item>.Of(input, i => i.Key, ByTarget, StringComparer.Ordinal),
                Grouped<string, Item>.Of(input, i => i.Key, ByTarget, StringComparer.Ordinal, keyedBy: i => i.Target),
            })
            {
                Assert.Equal(items.Count, grouped.ItemCount);
                foreach (var key in Keys)
                    Assert.Equal(
                        items.Where(i => i.Key == key).Select(i => i.Target).Order(StringComparer.Ordinal),
                        grouped[key].Select(i => i.Target));
            }
        }
    }

    [Fact]
    public void An_empty_sorted_base_has_no_groups()
    {
        var empty = Grouped<string, Item>.OfSorted([], i => i.Key, ByTarget, StringComparer.Ordinal);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0, empty.ItemCount);
        Assert.Empty(empty["a"]);
        Assert.Empty(empty.Groups);
    }

    private static void AssertSame(Grouped<string, Item> expected, Grouped<string, Item> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ItemCount, actual.ItemCount);
        foreach (var key in Keys.Append("absent")) Assert.Equal(expected[key], actual[key]);
        Assert.Equal(
            expected.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, string.Join(",", g.Value.Select(i => i.Target)))),
            actual.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, string.Join(",", g.Value.Select(i => i.Target)))));
    }
}
