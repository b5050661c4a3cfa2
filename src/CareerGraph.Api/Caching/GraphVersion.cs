using CareerGraph.Store;

namespace CareerGraph.Api.Caching;

/// <summary>
/// Which state of the graph answers come from: a number that changes whenever a read may answer differently.
/// On a store that answers every read from one immutable snapshot (<see cref="ISnapshotStore"/>: the embedded store),
/// each snapshot it publishes (every write, every reload) has the next version; on Neo4j, which other instances also write to,
/// it counts the writes made through this instance, and answers are kept only briefly
/// (<see cref="ResponseCacheOptions.SharedStoreSeconds"/>).
/// </summary>
internal sealed class GraphVersion
{
    private readonly ISnapshotStore? _snapshots;
    private long _writes;

    private GraphVersion(ISnapshotStore? snapshots) => _snapshots = snapshots;

    public static GraphVersion Of(ICareerGraphStore store) => new(store as ISnapshotStore);

    /// <summary>Whether every change to what reads answer shows in <see cref="Current"/> (the store reads from snapshots).</summary>
    public bool IsExact => _snapshots is not null;

    public long Current => _snapshots?.SnapshotVersion ?? Interlocked.Read(ref _writes);

    /// <summary>A write went through this instance: answers computed before it are not served again.</summary>
    public void NoteWrite() => Interlocked.Increment(ref _writes);
}
