using CareerGraph.Api.Hosting;
using CareerGraph.Embedded;
using CareerGraph.Store;

namespace CareerGraph.Api.Caching;

/// <summary>
/// Which state of the graph answers come from: a number that changes whenever a read may answer differently.
/// On the embedded store every read is answered from one immutable snapshot, so a new snapshot is a new version
/// (whatever published it); on Neo4j, which other instances also write to, it counts the writes made through this
/// instance, and answers are kept only briefly (<see cref="ResponseCacheOptions.SharedStoreSeconds"/>).
/// </summary>
public sealed class GraphVersion
{
    private readonly Func<object>? _snapshot;
    private readonly Lock _gate = new();
    private WeakReference<object>? _seen;
    private long _number;

    private GraphVersion(Func<object>? snapshot) => _snapshot = snapshot;

    public static GraphVersion Of(ICareerGraphStore store) => new(SnapshotOf(store));

    /// <summary>Whether every change to what reads answer shows in <see cref="Current"/> (the store reads from snapshots).</summary>
    public bool IsExact => _snapshot is not null;

    public long Current
    {
        get
        {
            if (_snapshot?.Invoke() is { } snapshot && !(_seen is { } seen && seen.TryGetTarget(out var known) && ReferenceEquals(known, snapshot)))
            {
                lock (_gate)
                {
                    if (!(_seen is { } again && again.TryGetTarget(out var latest) && ReferenceEquals(latest, snapshot)))
                    {
                        _seen = new WeakReference<object>(snapshot);
                        Interlocked.Increment(ref _number);
                    }
                }
            }
            return Interlocked.Read(ref _number);
        }
    }

    /// <summary>A write went through this instance: answers computed before it are not served again.</summary>
    public void NoteWrite() => Interlocked.Increment(ref _number);

    private static Func<object>? SnapshotOf(ICareerGraphStore store) => store switch
    {
        SqliteGraphStore embedded => () => embedded.Snapshot,
        InstrumentedStore instrumented => SnapshotOf(instrumented.Inner),
        _ => null,
    };
}
