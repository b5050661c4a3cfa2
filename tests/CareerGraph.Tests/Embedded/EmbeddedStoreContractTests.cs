using CareerGraph.Embedded;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Embedded;

/// <summary>The backend contract, run against the embedded SQLite store.</summary>
public sealed class EmbeddedStoreContractTests : StoreContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<SqliteGraphStore> _stores = [];

    protected override Task<ICareerGraphStore> CreateEmptyStoreAsync()
    {
        var store = SqliteGraphStore.Open(_folder.File($"store-{_stores.Count}.db"));
        _stores.Add(store);
        return Task.FromResult<ICareerGraphStore>(store);
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _folder.Dispose();
    }
}
