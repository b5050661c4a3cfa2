namespace CareerGraph.Store;

/// <summary>
/// A store that answers every read from one immutable snapshot (the embedded store): the version of that snapshot
/// changes whenever a read may answer differently, so an answer computed at one version holds until it changes.
/// Stores whose data others change unseen (Neo4j, shared by several instances) do not implement it.
/// </summary>
public interface ISnapshotVersion
{
    /// <summary>The version of the snapshot reads are answered from now; it grows with every snapshot published.</summary>
    long SnapshotVersion { get; }
}
