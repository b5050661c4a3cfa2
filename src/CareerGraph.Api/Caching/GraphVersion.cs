using CareerGraph.Api.Hosting;
using CareerGraph.Embedded;
using CareerGraph.Store;

namespace CareerGraph.Api.Caching;

/// <summary>
/// Which state of the graph answers come from: a number that changes whenever a read may answer differently.
/// On the embedded store every read is answered from one immutable snapshot, and each snapshot it publishes (every
/// write, every reload) has the next <see cref="GraphIndex.Version"/>; on Neo4j, which other instances also write to,
/// it counts the writes made through this instance, and answers are kept only briefly
/// (<see cref="ResponseCacheOptions.SharedStoreSeconds"/>).
/// </summary>
internal sealed class GraphVersion
{
    private readonly Func<long>? _snapshotVersion;
    private long _writes;

    private GraphVersion(Func<long>? snapshotVersion) => _snapshotVersion = snapshotVersion;

    public static GraphVersion Of(ICareerGraphStore store) => new(SnapshotVersionOf(store));

    /// <summary>Whether every change to what reads answer shows in <see cref="Current"/> (the store reads from snapshots).</summary>
    public bool IsExact => _snapshotVersion is not null;

    public long Current => _snapshotVersion?.Invoke() ?? Interlocked.Read(ref _writes);

    /// <summary>A write went through this instance: answers computed before it are not served again.</summary>
    public void NoteWrite() => Interlocked.Increment(ref _writes);

    private static Func<long>? SnapshotVersionOf(ICareerGraphStore store) => store switch
    {
        SqliteGraphStore embedded => () => embedded.Snapshot.Version,
        InstrumentedStore instrumented => SnapshotVersionOf(instrumented.Inner),
        _ => null,
    };
}
