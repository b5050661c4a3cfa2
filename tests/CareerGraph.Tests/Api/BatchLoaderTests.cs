using CareerGraph.Api.Schema;
using GraphQL.DataLoader;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A batched value is read at once, with no task, when its batch is fetched (the embedded store answers at once), and
/// awaited when the store answers later (Neo4j); either way one fetch serves every key queued before it.
/// </summary>
public sealed class BatchLoaderTests
{
    private readonly List<int[]> _fetches = [];

    [Fact]
    public void A_value_whose_batch_is_fetched_is_read_at_once_and_one_fetch_serves_every_queued_key()
    {
        var loader = Loader(keys => Task.FromResult(Squares(keys)));
        var one = loader.Load(1);
        var two = loader.Load(2);
        var many = loader.LoadMany([2, 3, 7]);

        Assert.Equal(1, AtOnce(one.ResolveAsync()));
        Assert.Equal([1, 2, 3, 7], Assert.Single(_fetches));
        Assert.Equal(4, AtOnce(two.ResolveAsync()));
        Assert.Equal([4, 9, -1], AtOnce(many.ResolveAsync())); // 7 is missing from the store's answer
        Assert.Single(_fetches);
    }

    [Fact]
    public async Task A_value_whose_store_answers_later_is_awaited_and_its_batch_fetched_once()
    {
        var answer = new TaskCompletionSource<IReadOnlyDictionary<int, int>>();
        var loader = Loader(_ => answer.Task);
        var one = loader.Load(1);
        var doubled = loader.Load(2).Then(value => value * 2);

        var reads = new[] { one.ResolveAsync(), doubled.ResolveAsync() };
        Assert.All(reads, read => Assert.False(read.IsCompleted));
        answer.SetResult(Squares([1, 2]));

        Assert.Equal(1, await reads[0]);
        Assert.Equal(8, await reads[1]);
        Assert.Single(_fetches);
        // The general executor's view of the same value: the same answer, no new fetch.
        Assert.Equal(8, await ((IDataLoaderResult)doubled).GetResultAsync());
        Assert.Single(_fetches);
    }

    [Fact]
    public async Task A_fetch_that_fails_fails_every_value_of_its_batch_where_it_is_read()
    {
        var loader = Loader(_ => throw new InvalidOperationException("store down"));
        var one = loader.Load(1);
        var two = loader.Load(2);

        Assert.Equal("store down", (await Assert.ThrowsAsync<InvalidOperationException>(async () => await one.ResolveAsync())).Message);
        Assert.Equal("store down", (await Assert.ThrowsAsync<InvalidOperationException>(() => two.GetResultAsync())).Message);
        Assert.Single(_fetches);
    }

    /// <summary>The value of a read that completed without waiting; fails the test if it did not.</summary>
    private static T AtOnce<T>(ValueTask<T> read)
    {
        Assert.True(read.IsCompletedSuccessfully, "the value should be read at once, its batch being fetched");
        return read.Result;
    }

    private BatchLoader<int, int> Loader(Func<IReadOnlyCollection<int>, Task<IReadOnlyDictionary<int, int>>> store) =>
        new((keys, _) =>
        {
            _fetches.Add([.. keys]);
            return store(keys);
        }, -1);

    private static IReadOnlyDictionary<int, int> Squares(IEnumerable<int> keys) =>
        keys.Where(key => key != 7).ToDictionary(key => key, key => key * key);
}
