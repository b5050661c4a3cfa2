using CareerGraph.Embedded;

namespace CareerGraph.Tests.Embedded;

/// <summary>A store opened on a file that reads every table, never the snapshot file: the reference a derived snapshot must equal.</summary>
internal static class FreshLoad
{
    public static SqliteGraphStore Open(string path) => SqliteGraphStore.Open(path, snapshotFile: false);
}
