using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CareerGraph.Embedded;

/// <summary>
/// Items grouped by a key, each group an array in a fixed order; immutable. Two layers: a base, built once and read
/// fastest, never changed once built, and an overlay of the groups changed since, which reads consult first.
/// <see cref="With"/> adds to the overlay only the groups a change touches, so a small change costs what it touches;
/// a snapshot built afresh (<see cref="GraphIndex"/>'s compaction) starts again with all groups in the base.
/// The base is a hash table of arrays (<see cref="Of"/>), or, for a large index of small groups that reads seldom
/// ask for, all items in one array sorted by key (<see cref="OfSorted"/>): no table entry and no array per group.
/// </summary>
/// <remarks>Two items of one group that the order ranks equal are the same item: a later one replaces it.</remarks>
internal sealed class Grouped<TKey, T> where TKey : notnull
{
    /// <summary>Never changed after it is built, so any number of readers may share it.</summary>
    private readonly IBase _base;

    /// <summary>Groups changed since the base, replacing its group; an empty array is a group gone.</summary>
    private readonly ImmutableDictionary<TKey, T[]> _overlay;

    private readonly Func<T, TKey> _keyOf;
    private readonly IComparer<T> _order;

    private Grouped(IBase @base, ImmutableDictionary<TKey, T[]> overlay, Func<T, TKey> keyOf, IComparer<T> order, int count, int itemCount)
    {
        (_base, _overlay, _keyOf, _order) = (@base, overlay, keyOf, order);
        (Count, ItemCount) = (count, itemCount);
    }

    /// <param name="keyedBy">
    /// When <paramref name="order"/> is the ordinal order of a text computed from the item (costly to compute per
    /// comparison), that text: each is then computed once per item to build the groups.
    /// </param>
    public static Grouped<TKey, T> Of(IEnumerable<T> items, Func<T, TKey> keyOf, Comparison<T> order, IEqualityComparer<TKey>? keys = null, Func<T, string>? keyedBy = null)
    {
        var comparer = Comparer<T>.Create(order);
        var pairs = items.TryGetNonEnumeratedCount(out var count) ? new List<(TKey, T)>(count) : [];
        foreach (var item in items) pairs.Add((keyOf(item), item));
        var groups = Grouping.Of<TKey, T>(CollectionsMarshal.AsSpan(pairs), keys);
        // A group keeps the items' order, so items given in the order (as edges by source are, for the groups of edges
        // by target) need no check per group: one pass over neighbours, close in memory, instead of one over each group's
        // items, scattered across the heap, which on a large graph costs a cache miss per comparison.
        if (!InOrder(CollectionsMarshal.AsSpan(pairs), comparer, keyedBy))
        {
            foreach (var group in groups.Values)
            {
                // Items read from the database or a snapshot file come in the groups' order already: checking is cheaper than sorting.
                if (keyedBy is null)
                {
                    if (!InOrder(group, comparer)) Array.Sort(group, comparer);
                }
                else if (group.Length > 1 && Array.ConvertAll(group, item => keyedBy(item)) is var texts && !InOrder(texts, StringComparer.Ordinal))
                {
                    Array.Sort(texts, group, StringComparer.Ordinal);
                }
            }
        }
        return new(new HashBase(groups), ImmutableDictionary.Create<TKey, T[]>(keys), keyOf, comparer, groups.Count, pairs.Count);
    }

    /// <summary>
    /// Groups whose base is every item in one array, sorted by key and then by <paramref name="order"/>, found by binary
    /// search. Building it from items already in that order (a snapshot file, the database's ORDER BY, a fresh
    /// snapshot's document) is one pass; a read copies its group out.
    /// </summary>
    /// <param name="keys">Orders the keys; its equality must agree with its order.</param>
    public static Grouped<TKey, T> OfSorted<TComparer>(IEnumerable<T> items, Func<T, TKey> keyOf, Comparison<T> order, TComparer keys)
        where TComparer : IComparer<TKey>, IEqualityComparer<TKey>
    {
        var comparer = Comparer<T>.Create(order);
        var sorted = items.ToArray();
        var keysOf = Array.ConvertAll(sorted, item => keyOf(item));
        // One pass checks the order and counts the keys; items in another order are sorted and counted again.
        var (count, inOrder) = (sorted.Length > 0 ? 1 : 0, true);
        for (var i = 1; i < sorted.Length && inOrder; i++)
        {
            var byKey = keys.Compare(keysOf[i - 1], keysOf[i]);
            if (byKey < 0) count++;
            else inOrder = byKey == 0 && comparer.Compare(sorted[i - 1], sorted[i]) <= 0;
        }
        if (!inOrder)
        {
            var places = new int[sorted.Length];
            for (var i = 0; i < places.Length; i++) places[i] = i;
            var (unsorted, unsortedKeys) = (sorted, keysOf);
            Array.Sort(places, (a, b) => keys.Compare(unsortedKeys[a], unsortedKeys[b]) is var byKey and not 0 ? byKey : comparer.Compare(unsorted[a], unsorted[b]));
            (sorted, keysOf) = (Array.ConvertAll(places, i => unsorted[i]), Array.ConvertAll(places, i => unsortedKeys[i]));
            count = 1;
            for (var i = 1; i < keysOf.Length; i++)
                if (keys.Compare(keysOf[i - 1], keysOf[i]) != 0) count++;
        }
        return new(new SortedBase<TComparer>(sorted, keysOf, keys), ImmutableDictionary.Create<TKey, T[]>(keys), keyOf, comparer, count, sorted.Length);
    }

    /// <summary>
    /// Groups read from a base made elsewhere, such as one over a snapshot file's table that makes each group when it is
    /// first read (<see cref="EdgeTable"/>). Its groups must already be in <paramref name="order"/>.
    /// </summary>
    public static Grouped<TKey, T> Over(IBase @base, Func<T, TKey> keyOf, Comparison<T> order, int count, int itemCount) =>
        new(@base, ImmutableDictionary.Create<TKey, T[]>(@base.Keys), keyOf, Comparer<T>.Create(order), count, itemCount);

    /// <summary>Whether the items, as given, are in the order: by their texts when <paramref name="keyedBy"/> gives them.</summary>
    private static bool InOrder(ReadOnlySpan<(TKey Key, T Item)> pairs, IComparer<T> order, Func<T, string>? keyedBy)
    {
        if (keyedBy is null)
        {
            for (var i = 1; i < pairs.Length; i++)
                if (order.Compare(pairs[i - 1].Item, pairs[i].Item) > 0) return false;
            return true;
        }
        var previous = pairs.Length > 0 ? keyedBy(pairs[0].Item) : "";
        for (var i = 1; i < pairs.Length; i++)
        {
            var text = keyedBy(pairs[i].Item);
            if (string.CompareOrdinal(previous, text) > 0) return false;
            previous = text;
        }
        return true;
    }

    private static bool InOrder<TItem>(TItem[] items, IComparer<TItem> order)
    {
        for (var i = 1; i < items.Length; i++)
            if (order.Compare(items[i - 1], items[i]) > 0) return false;
        return true;
    }

    /// <summary>The group of a key; an empty one when there is none.</summary>
    public T[] this[TKey key] =>
        _overlay.Count > 0 && _overlay.TryGetValue(key, out var changed) ? changed : _base.Group(key);

    /// <summary>How many groups there are.</summary>
    public int Count { get; }

    /// <summary>How many items there are in all groups.</summary>
    public int ItemCount { get; }

    /// <summary>How many groups changed since the base.</summary>
    public int OverlayCount => _overlay.Count;

    public IEnumerable<KeyValuePair<TKey, T[]>> Groups =>
        _overlay.Count == 0
            ? _base.Groups
            : _base.Groups.Where(g => !_overlay.ContainsKey(g.Key)).Concat(_overlay.Where(g => g.Value.Length > 0));

    /// <summary>These groups with <paramref name="removed"/> taken out, then <paramref name="added"/> put in (replacing equals).</summary>
    public Grouped<TKey, T> With(IEnumerable<T> removed, IEnumerable<T> added)
    {
        var changed = new Dictionary<TKey, List<T>>(_base.Keys);
        List<T> Group(TKey key) => CollectionsMarshal.GetValueRefOrAddDefault(changed, key, out _) ??= [.. this[key]];
        foreach (var item in removed) Group(_keyOf(item)).RemoveAll(x => _order.Compare(x, item) == 0);
        foreach (var item in added)
        {
            var group = Group(_keyOf(item));
            group.RemoveAll(x => _order.Compare(x, item) == 0);
            group.Add(item);
        }
        if (changed.Count == 0) return this;

        var overlay = _overlay.ToBuilder();
        var (count, itemCount) = (Count, ItemCount);
        foreach (var (key, list) in changed)
        {
            var before = this[key].Length;
            itemCount += list.Count - before;
            count += (list.Count > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
            list.Sort(_order);
            overlay[key] = [.. list];
        }
        return new(_base, overlay.ToImmutable(), _keyOf, _order, count, itemCount);
    }

    /// <summary>Where the groups of the base are kept: read by any number of readers at once.</summary>
    internal interface IBase
    {
        IEqualityComparer<TKey> Keys { get; }

        /// <summary>The group of a key; an empty one when there is none. The caller may not change it.</summary>
        T[] Group(TKey key);

        IEnumerable<KeyValuePair<TKey, T[]>> Groups { get; }
    }

    private sealed class HashBase(Dictionary<TKey, T[]> groups) : IBase
    {
        public IEqualityComparer<TKey> Keys => groups.Comparer;

        public T[] Group(TKey key) => groups.GetValueOrDefault(key) ?? [];

        public IEnumerable<KeyValuePair<TKey, T[]>> Groups => groups;
    }

    /// <param name="items">Sorted by key, then in each group's order.</param>
    /// <param name="keys">The key of each item.</param>
    private sealed class SortedBase<TComparer>(T[] items, TKey[] keys, TComparer comparer) : IBase
        where TComparer : IComparer<TKey>, IEqualityComparer<TKey>
    {
        public IEqualityComparer<TKey> Keys => comparer;

        public T[] Group(TKey key)
        {
            var start = First(key);
            var end = start;
            while (end < keys.Length && comparer.Compare(keys[end], key) == 0) end++;
            return start == end ? [] : items[start..end];
        }

        public IEnumerable<KeyValuePair<TKey, T[]>> Groups
        {
            get
            {
                for (var start = 0; start < items.Length;)
                {
                    var end = start + 1;
                    while (end < items.Length && comparer.Compare(keys[start], keys[end]) == 0) end++;
                    yield return KeyValuePair.Create(keys[start], items[start..end]);
                    start = end;
                }
            }
        }

        /// <summary>The first place whose key is not below <paramref name="key"/>.</summary>
        private int First(TKey key)
        {
            var (low, high) = (0, keys.Length);
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (comparer.Compare(keys[middle], key) < 0) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }
}

/// <summary>Grouping for index builds.</summary>
internal static class Grouping
{
    /// <summary>
    /// The items of each key, in the order given. Counted first, then each group filled into an array of its size: no
    /// growing list per group, which on a large graph (hundreds of thousands of groups of one or two) would be most of
    /// the garbage an index build makes.
    /// </summary>
    public static Dictionary<TKey, T[]> Of<TKey, T>(ReadOnlySpan<(TKey Key, T Item)> pairs, IEqualityComparer<TKey>? keys = null)
        where TKey : notnull
    {
        var numbers = new Dictionary<TKey, int>(keys);
        var groupOf = new int[pairs.Length];
        var sizes = new List<int>();
        for (var i = 0; i < pairs.Length; i++)
        {
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, pairs[i].Key, out var known);
            if (!known)
            {
                number = sizes.Count;
                sizes.Add(0);
            }
            groupOf[i] = number;
            CollectionsMarshal.AsSpan(sizes)[number]++;
        }
        var arrays = new T[sizes.Count][];
        for (var number = 0; number < arrays.Length; number++) arrays[number] = new T[sizes[number]];
        var filled = new int[arrays.Length];
        for (var i = 0; i < pairs.Length; i++) arrays[groupOf[i]][filled[groupOf[i]]++] = pairs[i].Item;

        var groups = new Dictionary<TKey, T[]>(numbers.Count, keys);
        foreach (var (key, number) in numbers) groups.Add(key, arrays[number]);
        return groups;
    }
}
