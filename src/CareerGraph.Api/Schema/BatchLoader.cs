using GraphQL.DataLoader;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The DataLoader pattern on GraphQL.NET's own <see cref="IDataLoaderResult{T}"/> (its separate
/// DataLoader package is not in our package source): keys asked for while a level of the query is
/// resolved are fetched together, in one call, when the first of them is awaited.
/// A batch that is already fetched (always, on the in-memory embedded store) is read without awaiting, so a
/// field costs no asynchronous machinery when its data is there.
/// </summary>
internal sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing)
    where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _batches = [];
    private readonly HashSet<TKey> _queued = [];

    public Pending<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batches.ContainsKey(key)) _queued.Add(key);
        }
        return new Pending<TValue>(cancellationToken => GetAsync(key, cancellationToken));
    }

    public Pending<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var pending = keys.Select(Load).ToList();
        return new Pending<IReadOnlyList<TValue>>(cancellationToken =>
        {
            var values = new TValue[pending.Count];
            for (var i = 0; i < pending.Count; i++)
            {
                var result = pending[i].GetResultAsync(cancellationToken);
                if (!result.IsCompletedSuccessfully) return RestAsync(pending, values, i, cancellationToken);
                values[i] = result.Result;
            }
            return Task.FromResult<IReadOnlyList<TValue>>(values);
        });
    }

    private static async Task<IReadOnlyList<TValue>> RestAsync(List<Pending<TValue>> pending, TValue[] values, int from, CancellationToken cancellationToken)
    {
        for (var i = from; i < pending.Count; i++) values[i] = await pending[i].GetResultAsync(cancellationToken);
        return values;
    }

    private Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>>? batch;
        lock (_gate)
        {
            if (!_batches.TryGetValue(key, out batch))
            {
                _queued.Add(key);
                var keys = _queued.ToList();
                _queued.Clear();
                batch = fetch(keys, cancellationToken);
                foreach (var queuedKey in keys) _batches[queuedKey] = batch;
            }
        }
        return batch.IsCompletedSuccessfully ? Task.FromResult(Pick(batch.Result, key)) : PickAsync(batch, key);
    }

    private TValue Pick(IReadOnlyDictionary<TKey, TValue> values, TKey key) => values.TryGetValue(key, out var value) ? value : missing;

    private async Task<TValue> PickAsync(Task<IReadOnlyDictionary<TKey, TValue>> batch, TKey key) => Pick(await batch, key);
}

/// <summary>A value that will be there once its batch has been fetched.</summary>
internal sealed class Pending<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
{
    private Task<T>? _task;

    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => _task ??= Started(get, cancellationToken);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
    {
        var result = GetResultAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? Task.FromResult<object?>(result.Result) : BoxAsync(result);
    }

    /// <summary>Transforms the value once it arrives, still as part of the batch.</summary>
    public Pending<TOut> Then<TOut>(Func<T, TOut> transform) => new(cancellationToken =>
    {
        var result = GetResultAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? Task.FromResult(transform(result.Result)) : ThenAsync(result, transform);
    });

    /// <summary>Chains a second batched load on the value once it arrives.</summary>
    public Pending<TOut> ThenLoad<TOut>(Func<T, IDataLoaderResult<TOut>> next) => new(cancellationToken =>
    {
        var result = GetResultAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? next(result.Result).GetResultAsync(cancellationToken) : ThenLoadAsync(result, next, cancellationToken);
    });

    /// <summary>A fault while starting is the task's fault, as it would be in an async method: it surfaces where the value is awaited.</summary>
    private static Task<TValue> Started<TValue>(Func<CancellationToken, Task<TValue>> start, CancellationToken cancellationToken)
    {
        try
        {
            return start(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<TValue>(e);
        }
    }

    private static async Task<object?> BoxAsync(Task<T> result) => await result;

    private static async Task<TOut> ThenAsync<TOut>(Task<T> result, Func<T, TOut> transform) => transform(await result);

    private static async Task<TOut> ThenLoadAsync<TOut>(Task<T> result, Func<T, IDataLoaderResult<TOut>> next, CancellationToken cancellationToken) =>
        await next(await result).GetResultAsync(cancellationToken);
}
