using System.Collections.Immutable;

namespace CareerGraph.Embedded;

/// <summary>
/// A map in two layers, like <see cref="Grouped{TKey, T}"/>: a base built once and never changed (a plain hash table), and an overlay of the entries
/// put or removed since (null: removed), which reads consult first. Immutable: <see cref="With"/> copies the overlay only.
/// </summary>
internal sealed class Layered<TKey, TValue> where TKey : notnull where TValue : class
{
    private readonly Dictionary<TKey, TValue> _base;
    private readonly ImmutableDictionary<TKey, TValue?> _overlay;

    private Layered(Dictionary<TKey, TValue> @base, ImmutableDictionary<TKey, TValue?> overlay, int count) =>
        (_base, _overlay, Count) = (@base, overlay, count);

    public static Layered<TKey, TValue> Of(IEnumerable<KeyValuePair<TKey, TValue>> items, IEqualityComparer<TKey>? keys = null)
    {
        var map = new Dictionary<TKey, TValue>(keys);
        foreach (var (key, value) in items) map[key] = value;
        return new(map, ImmutableDictionary.Create<TKey, TValue?>(keys), map.Count);
    }

    public TValue? this[TKey key] =>
        _overlay.Count > 0 && _overlay.TryGetValue(key, out var changed) ? changed : _base.GetValueOrDefault(key);

    public bool ContainsKey(TKey key) => this[key] is not null;

    public int Count { get; }

    /// <summary>How many entries changed since the base.</summary>
    public int OverlayCount => _overlay.Count;

    public IEnumerable<TValue> Values =>
        _overlay.Count == 0
            ? _base.Values
            : _base.Where(e => !_overlay.ContainsKey(e.Key)).Select(e => e.Value).Concat(_overlay.Values.OfType<TValue>());

    /// <summary>This map with <paramref name="removed"/> taken out, then <paramref name="put"/> put in.</summary>
    public Layered<TKey, TValue> With(IEnumerable<TKey> removed, IEnumerable<KeyValuePair<TKey, TValue>> put)
    {
        var overlay = _overlay.ToBuilder();
        var count = Count;
        TValue? Current(TKey key) => overlay.TryGetValue(key, out var value) ? value : _base.GetValueOrDefault(key);
        foreach (var key in removed)
        {
            if (Current(key) is not null) count--;
            overlay[key] = null;
        }
        foreach (var (key, value) in put)
        {
            if (Current(key) is null) count++;
            overlay[key] = value;
        }
        return new(_base, overlay.ToImmutable(), count);
    }
}
