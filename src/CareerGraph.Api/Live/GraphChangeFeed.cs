using System.Text.Json;
using CareerGraph.Api.Security;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Api.Live;

/// <summary>One accepted change as subscribers see it: its audit entry and the kinds of the nodes it concerns.</summary>
internal sealed record GraphChange(AuditEntry Entry, IReadOnlyList<NodeKind> Kinds);

/// <summary>
/// The audit trail as a live feed. One reader per service follows the trail by sequence, so that every store and
/// every instance on one Neo4j behave alike; it reads when the store says a change committed
/// (<see cref="IChangeNotifier"/>) or every PollSeconds, and only while someone listens.
/// </summary>
internal sealed class GraphChangeFeed(ICareerGraphStore store, IEnumerable<IChangeNotifier> notifiers, LimitOptions limits, ILogger<GraphChangeFeed> log) : BackgroundService
{
    private const int Page = 500;

    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Lock _listenersLock = new();
    private List<Action<GraphChange>> _listeners = [];
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _head;

    /// <summary>The sequence of the latest change in the audit trail: a subscription without afterSequence starts after it.</summary>
    public Task<long> HeadAsync(CancellationToken cancellationToken) => ReadNewExclusivelyAsync(null, cancellationToken);

    /// <summary>
    /// Starts handing the listener every change after the current end of the trail, and returns that end: changes up
    /// to it are in the store (<see cref="ReplayAsync"/>), changes after it reach the listener, none twice.
    /// </summary>
    public async Task<(long Head, IDisposable Leave)> JoinAsync(Action<GraphChange> listener, CancellationToken cancellationToken)
    {
        // Earlier listeners get what is new; the newcomer starts after it.
        var head = await ReadNewExclusivelyAsync(() => { lock (_listenersLock) _listeners = [.. _listeners, listener]; }, cancellationToken);
        return (head, new Leaving(this, listener));
    }

    /// <summary>
    /// The changes after <paramref name="afterSequence"/> up to <paramref name="head"/>, oldest first; null when there
    /// are more than BufferedEvents of them (too many to replay: the client reads the graph afresh instead).
    /// </summary>
    public async Task<IReadOnlyList<GraphChange>?> ReplayAsync(long afterSequence, long head, CancellationToken cancellationToken)
    {
        var most = limits.Subscriptions.BufferedEvents;
        var entries = (await store.GetAuditAsync(new AuditQuery { AfterSequence = afterSequence, First = most + 1 }, cancellationToken))
            .Where(entry => entry.Sequence <= head).ToList();
        return entries.Count > most ? null : await DescribeAsync(entries, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var notifier in notifiers) notifier.ChangeCommitted += OnCommitted;
        try
        {
            var poll = TimeSpan.FromSeconds(limits.Subscriptions.PollSeconds);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAny(_committed.Task, Task.Delay(poll, stoppingToken));
                Interlocked.Exchange(ref _committed, new(TaskCreationOptions.RunContinuationsAsynchronously));
                if (_listeners.Count == 0) continue; // nobody listens: the next listener catches up when it joins
                try
                {
                    await ReadNewExclusivelyAsync(null, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Reading the audit trail for subscribers failed; trying again in {Seconds} s", poll.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var notifier in notifiers) notifier.ChangeCommitted -= OnCommitted;
        }
    }

    private void OnCommitted() => _committed.TrySetResult();

    /// <summary>One reader at a time: reads what is new, then runs <paramref name="andThen"/> before the next reader may; returns the head.</summary>
    private async Task<long> ReadNewExclusivelyAsync(Action? andThen, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            await ReadNewAsync(cancellationToken);
            andThen?.Invoke();
            return _head;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Reads the trail past the head and hands each change to every listener, in order. Called under _reading.</summary>
    private async Task ReadNewAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = await store.GetAuditAsync(new AuditQuery { AfterSequence = _head, First = Page }, cancellationToken);
            if (entries.Count == 0) return;
            var listeners = _listeners;
            if (listeners.Count > 0)
                foreach (var change in await DescribeAsync(entries, cancellationToken))
                    foreach (var listener in listeners) listener(change);
            _head = entries[^1].Sequence;
            if (entries.Count < Page) return;
        }
    }

    /// <summary>Adds the kinds of the nodes each entry concerns: as the graph holds them, or as the entry recorded a node now gone.</summary>
    private async Task<IReadOnlyList<GraphChange>> DescribeAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var nodes = (await store.GetNodesAsync(entries.SelectMany(e => e.NodeIds).Distinct().ToList(), cancellationToken))
            .ToDictionary(n => n.Id, n => n.Kind);
        return entries.Select(entry => new GraphChange(entry,
            entry.NodeIds.Select(id => nodes.TryGetValue(id, out var kind) ? kind : RecordedKind(entry))
                .OfType<NodeKind>().Distinct().Order().ToList())).ToList();
    }

    /// <summary>The kind in a node's before or after state ({"kind": …} or {"node": {"kind": …}}), when the entry is about one node.</summary>
    private static NodeKind? RecordedKind(AuditEntry entry)
    {
        if (entry.Operation is AuditOperation.MergeCareers) return NodeKind.Career;
        if (entry.Operation is not (AuditOperation.CreateNode or AuditOperation.UpdateNode or AuditOperation.DeleteNode)) return null;
        using var state = JsonDocument.Parse(entry.Before ?? entry.After ?? "{}");
        var node = state.RootElement.TryGetProperty("node", out var inner) ? inner : state.RootElement;
        return node.TryGetProperty("kind", out var kind) && Enum.TryParse<NodeKind>(kind.GetString(), out var parsed) ? parsed : null;
    }

    private sealed class Leaving(GraphChangeFeed feed, Action<GraphChange> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._listenersLock) feed._listeners = [.. feed._listeners.Where(l => l != listener)];
        }
    }
}
