using CareerGraph.Curation;

namespace CareerGraph.Store;

/// <summary>
/// A store that answers every read from one immutable snapshot held in memory (the embedded store). The version of
/// that snapshot changes whenever a read may answer differently, so an answer computed at one version holds until it
/// changes; and the snapshot itself can be read item by item, at once, with nothing gained by batching reads.
/// Stores whose data others change unseen, or that answer over the network (Neo4j), do not implement it.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The version of the snapshot reads are answered from now; it grows with every snapshot published.</summary>
    long SnapshotVersion { get; }

    /// <summary>The snapshot reads are answered from now: it never changes, however long it is held.</summary>
    IGraphFacts Snapshot { get; }
}
