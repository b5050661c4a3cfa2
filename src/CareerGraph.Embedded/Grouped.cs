using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CareerGraph.Embedded;

/// <summary>
/// Items grouped by a key, each group an array in a fixed order; immutable. <see cref="With"/> copies only the
/// groups a change touches and shares every other group (the same array) with this one, so a snapshot derived
/// by a small change costs what the change touches, and readers of the older snapshot are never disturbed.
/// </summary>
/// <remarks>Two items of one group that the order ranks equal are the same item: a later one replaces it.</remarks>
internal sealed class Grouped<TKey, T> where TKey : notnull
{
    private readonly ImmutableDictionary<TKey, T[]> _groups;
    private readonly Func<T, TKey> _keyOf;
    private readonly IComparer<T> _order;

    private Grouped(ImmutableDictionary<TKey, T[]> groups, Func<T, TKey> keyOf, IComparer<T> order, int itemCount)
    {
        (_groups, _keyOf, _order) = (groups, keyOf, order);
        ItemCount = itemCount;
    }

    public static Grouped<TKey, T> Of(IEnumerable<T> items, Func<T, TKey> keyOf, Comparison<T> order, IEqualityComparer<TKey>? keys = null)
    {
        var comparer = Comparer<T>.Create(order);
        var lists = new Dictionary<TKey, List<T>>(keys);
        var count = 0;
        foreach (var item in items)
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(lists, keyOf(item), out _) ??= []).Add(item);
            count++;
        }
        var groups = ImmutableDictionary.CreateBuilder<TKey, T[]>(keys);
        foreach (var (key, list) in lists)
        {
            list.Sort(comparer);
            groups.Add(key, [.. list]);
        }
        return new(groups.ToImmutable(), keyOf, comparer, count);
    }

    /// <summary>The group of a key; an empty one when there is none.</summary>
    public T[] this[TKey key] => _groups.GetValueOrDefault(key) ?? [];

    /// <summary>How many groups there are.</summary>
    public int Count => _groups.Count;

    /// <summary>How many items there are in all groups.</summary>
    public int ItemCount { get; }

    public IEnumerable<KeyValuePair<TKey, T[]>> Groups => _groups;

    /// <summary>These groups with <paramref name="removed"/> taken out, then <paramref name="added"/> put in (replacing equals).</summary>
    public Grouped<TKey, T> With(IEnumerable<T> removed, IEnumerable<T> added)
    {
        var changed = new Dictionary<TKey, List<T>>(_groups.KeyComparer);
        List<T> Group(TKey key) => CollectionsMarshal.GetValueRefOrAddDefault(changed, key, out _) ??= [.. this[key]];
        foreach (var item in removed) Group(_keyOf(item)).RemoveAll(x => _order.Compare(x, item) == 0);
        foreach (var item in added)
        {
            var group = Group(_keyOf(item));
            group.RemoveAll(x => _order.Compare(x, item) == 0);
            group.Add(item);
        }
        if (changed.Count == 0) return this;

        var groups = _groups.ToBuilder();
        var count = ItemCount;
        foreach (var (key, list) in changed)
        {
            count += list.Count - this[key].Length;
            list.Sort(_order);
            if (list.Count == 0) groups.Remove(key);
            else groups[key] = [.. list];
        }
        return new(groups.ToImmutable(), _keyOf, _order, count);
    }
}
