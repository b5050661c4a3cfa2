using GraphQL.DataLoader;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The DataLoader pattern on GraphQL.NET's own <see cref="IDataLoaderResult{T}"/> (its separate
/// DataLoader package is not in our package source): keys asked for while a level of the query is
/// resolved are fetched together, in one call, when the first of them is awaited.
/// A batch that is already fetched (always, on the in-memory embedded store) is read without awaiting: a value
/// holds its loader and key, not a closure, and is read as a completed <see cref="ValueTask{T}"/>, so a field costs
/// no task or asynchronous machinery when its data is there.
/// </summary>
internal sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing)
    where TKey : notnull
{
    // The general executor may resolve fields on several threads at once (a resolver that awaits the Neo4j store
    // continues on the thread pool), so the batches are guarded; one request's loaders are never shared, so the
    // lock is uncontended in practice.
    private readonly Lock _gate = new();
    /// <summary>Every key asked for: its batch once fetched, null while it waits in <see cref="_queued"/>.</summary>
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>?> _batches = [];
    private readonly List<TKey> _queued = [];

    public Pending<TValue> Load(TKey key)
    {
        lock (_gate) Queue(key);
        return new Loaded(this, key);
    }

    public Pending<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var all = keys.ToArray();
        lock (_gate)
            foreach (var key in all) Queue(key);
        return new LoadedMany(this, all);
    }

    private void Queue(TKey key)
    {
        if (_batches.TryAdd(key, null)) _queued.Add(key);
    }

    /// <summary>The batch that holds the key: fetched with every key queued so far when the key has none yet.</summary>
    private Task<IReadOnlyDictionary<TKey, TValue>> BatchFor(TKey key, CancellationToken cancellationToken)
    {
        if (_batches.GetValueOrDefault(key) is { } fetched) return fetched;
        Queue(key); // already queued by Load: this only keeps the method whole on its own
        var keys = _queued.ToList();
        _queued.Clear();
        var batch = Started(keys, cancellationToken);
        foreach (var queuedKey in keys) _batches[queuedKey] = batch;
        return batch;
    }

    /// <summary>A fault while starting is the batch's fault, as it would be in an async method: it surfaces where a value is awaited.</summary>
    private Task<IReadOnlyDictionary<TKey, TValue>> Started(List<TKey> keys, CancellationToken cancellationToken)
    {
        try
        {
            return fetch(keys, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<IReadOnlyDictionary<TKey, TValue>>(e);
        }
    }

    private TValue Pick(IReadOnlyDictionary<TKey, TValue> values, TKey key) => values.TryGetValue(key, out var value) ? value : missing;

    private async Task<TValue> PickAsync(Task<IReadOnlyDictionary<TKey, TValue>> batch, TKey key) => Pick(await batch, key);

    /// <summary>One key's value.</summary>
    private sealed class Loaded(BatchLoader<TKey, TValue> loader, TKey key) : Pending<TValue>
    {
        protected override ValueTask<TValue> Resolve(CancellationToken cancellationToken)
        {
            Task<IReadOnlyDictionary<TKey, TValue>> batch;
            lock (loader._gate) batch = loader.BatchFor(key, cancellationToken);
            return batch.IsCompletedSuccessfully ? new(loader.Pick(batch.Result, key)) : new(loader.PickAsync(batch, key));
        }
    }

    /// <summary>Several keys' values, in the order of the keys.</summary>
    private sealed class LoadedMany(BatchLoader<TKey, TValue> loader, TKey[] keys) : Pending<IReadOnlyList<TValue>>
    {
        protected override ValueTask<IReadOnlyList<TValue>> Resolve(CancellationToken cancellationToken)
        {
            var batches = new Task<IReadOnlyDictionary<TKey, TValue>>[keys.Length];
            var fetched = true;
            lock (loader._gate)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    batches[i] = loader.BatchFor(keys[i], cancellationToken);
                    fetched &= batches[i].IsCompletedSuccessfully;
                }
            }
            if (!fetched) return new(PickAllAsync(batches));
            var values = new TValue[keys.Length];
            for (var i = 0; i < keys.Length; i++) values[i] = loader.Pick(batches[i].Result, keys[i]);
            return new(values);
        }

        private async Task<IReadOnlyList<TValue>> PickAllAsync(Task<IReadOnlyDictionary<TKey, TValue>>[] batches)
        {
            var values = new TValue[keys.Length];
            for (var i = 0; i < keys.Length; i++) values[i] = loader.Pick(await batches[i], keys[i]);
            return values;
        }
    }
}

/// <summary>What the compiled plan reads of a batched value without knowing its type (<see cref="Pending{T}"/>).</summary>
internal interface IPending : IDataLoaderResult
{
    /// <summary>The value, completed at once when every batch it waits on is fetched; the first read starts the fetch.</summary>
    ValueTask<object?> ResolveAsync(CancellationToken cancellationToken);
}

/// <summary>Values already at hand, for a store read at once (<see cref="GraphLoaders"/>).</summary>
internal static class Pending
{
    public static Pending<T> Ready<T>(T value) => new Ready<T>(value);
}

/// <summary>A value that will be there once its batch has been fetched.</summary>
internal abstract class Pending<T> : IDataLoaderResult<T>, IPending
{
    private bool _resolved;
    private T _value = default!;
    private Task<T>? _task;

    /// <summary>Reads the value once (later reads get the same value or task); a fault surfaces where it is awaited.</summary>
    public ValueTask<T> ResolveAsync(CancellationToken cancellationToken = default)
    {
        if (_resolved) return new(_value);
        if (_task is not null) return new(_task);
        ValueTask<T> result;
        try
        {
            result = Resolve(cancellationToken);
        }
        catch (Exception e)
        {
            return new(_task = Task.FromException<T>(e));
        }
        if (!result.IsCompletedSuccessfully) return new(_task = result.AsTask());
        _value = result.Result;
        _resolved = true;
        return new(_value);
    }

    public Task<T> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var result = ResolveAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? _task ??= Task.FromResult(result.Result) : result.AsTask();
    }

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
    {
        var result = ResolveAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? Task.FromResult<object?>(result.Result) : BoxAsync(result.AsTask());
    }

    ValueTask<object?> IPending.ResolveAsync(CancellationToken cancellationToken)
    {
        var result = ResolveAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? new(result.Result) : new(BoxAsync(result.AsTask()));
    }

    /// <summary>Transforms the value once it arrives, still as part of the batch.</summary>
    public Pending<TOut> Then<TOut>(Func<T, TOut> transform) => new Mapped<T, TOut>(this, transform);

    /// <summary>Reads the value; called once, by the first read.</summary>
    protected abstract ValueTask<T> Resolve(CancellationToken cancellationToken);

    private static async Task<object?> BoxAsync(Task<T> result) => await result;
}

/// <summary>A value already at hand.</summary>
internal sealed class Ready<T>(T value) : Pending<T>
{
    protected override ValueTask<T> Resolve(CancellationToken cancellationToken) => new(value);
}

/// <summary>A value computed from another batched value.</summary>
internal sealed class Mapped<TIn, T>(Pending<TIn> source, Func<TIn, T> transform) : Pending<T>
{
    protected override ValueTask<T> Resolve(CancellationToken cancellationToken)
    {
        var result = source.ResolveAsync(cancellationToken);
        return result.IsCompletedSuccessfully ? new(transform(result.Result)) : new(ThenAsync(result.AsTask()));
    }

    private async Task<T> ThenAsync(Task<TIn> result) => transform(await result);
}
