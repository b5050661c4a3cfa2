using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CareerGraph.Embedded;

/// <summary>
/// Items grouped by a key, each group an array in a fixed order; immutable. Two layers: a base, built once and read
/// fastest (a hash table of arrays, never changed once built), and an overlay of the groups changed since, which reads consult first.
/// <see cref="With"/> adds to the overlay only the groups a change touches, so a small change costs what it touches;
/// a snapshot built afresh (<see cref="GraphIndex"/>'s compaction) starts again with all groups in the base.
/// </summary>
/// <remarks>Two items of one group that the order ranks equal are the same item: a later one replaces it.</remarks>
internal sealed class Grouped<TKey, T> where TKey : notnull
{
    /// <summary>Never changed after it is built, so any number of readers may share it.</summary>
    private readonly Dictionary<TKey, T[]> _base;

    /// <summary>Groups changed since the base, replacing its group; an empty array is a group gone.</summary>
    private readonly ImmutableDictionary<TKey, T[]> _overlay;

    private readonly Func<T, TKey> _keyOf;
    private readonly IComparer<T> _order;

    private Grouped(Dictionary<TKey, T[]> @base, ImmutableDictionary<TKey, T[]> overlay, Func<T, TKey> keyOf, IComparer<T> order, int count, int itemCount)
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
        return new(groups, ImmutableDictionary.Create<TKey, T[]>(keys), keyOf, comparer, groups.Count, pairs.Count);
    }

    private static bool InOrder<TItem>(TItem[] items, IComparer<TItem> order)
    {
        for (var i = 1; i < items.Length; i++)
            if (order.Compare(items[i - 1], items[i]) > 0) return false;
        return true;
    }

    /// <summary>The group of a key; an empty one when there is none.</summary>
    public T[] this[TKey key] =>
        _overlay.Count > 0 && _overlay.TryGetValue(key, out var changed) ? changed : _base.GetValueOrDefault(key) ?? [];

    /// <summary>How many groups there are.</summary>
    public int Count { get; }

    /// <summary>How many items there are in all groups.</summary>
    public int ItemCount { get; }

    /// <summary>How many groups changed since the base.</summary>
    public int OverlayCount => _overlay.Count;

    public IEnumerable<KeyValuePair<TKey, T[]>> Groups =>
        _overlay.Count == 0
            ? _base
            : _base.Where(g => !_overlay.ContainsKey(g.Key)).Concat(_overlay.Where(g => g.Value.Length > 0));

    /// <summary>These groups with <paramref name="removed"/> taken out, then <paramref name="added"/> put in (replacing equals).</summary>
    public Grouped<TKey, T> With(IEnumerable<T> removed, IEnumerable<T> added)
    {
        var changed = new Dictionary<TKey, List<T>>(_base.Comparer);
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
