using GraphQL.DataLoader;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The DataLoader pattern on GraphQL.NET's own <see cref="IDataLoaderResult{T}"/> (its separate
/// DataLoader package is not in our package source): keys asked for while a level of the query is
/// resolved are fetched together, in one call, when the first of them is awaited.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing)
    where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Task<TValue>> _results = [];
    private readonly HashSet<TKey> _queued = [];

    public Pending<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.ContainsKey(key)) _queued.Add(key);
        }
        return new Pending<TValue>(cancellationToken => GetAsync(key, cancellationToken));
    }

    public Pending<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var pending = keys.Select(Load).ToList();
        return new Pending<IReadOnlyList<TValue>>(async cancellationToken =>
        {
            var values = new List<TValue>(pending.Count);
            foreach (var result in pending) values.Add(await result.GetResultAsync(cancellationToken));
            return values;
        });
    }

    private Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_results.TryGetValue(key, out var known)) return known;
            _queued.Add(key);
            var keys = _queued.ToList();
            _queued.Clear();
            var batch = fetch(keys, cancellationToken);
            foreach (var queuedKey in keys) _results[queuedKey] = Pick(batch, queuedKey);
            return _results[key];
        }
    }

    private async Task<TValue> Pick(Task<IReadOnlyDictionary<TKey, TValue>> batch, TKey key) =>
        (await batch).TryGetValue(key, out var value) ? value : missing;
}

/// <summary>A value that will be there once its batch has been fetched.</summary>
public sealed class Pending<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
{
    private Task<T>? _task;

    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => _task ??= get(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);

    /// <summary>Transforms the value once it arrives, still as part of the batch.</summary>
    public Pending<TOut> Then<TOut>(Func<T, TOut> transform) =>
        new(async cancellationToken => transform(await GetResultAsync(cancellationToken)));

    /// <summary>Chains a second batched load on the value once it arrives.</summary>
    public Pending<TOut> ThenLoad<TOut>(Func<T, IDataLoaderResult<TOut>> next) =>
        new(async cancellationToken => await next(await GetResultAsync(cancellationToken)).GetResultAsync(cancellationToken));
}
