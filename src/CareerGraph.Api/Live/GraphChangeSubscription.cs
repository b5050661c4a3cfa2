using System.Threading.Channels;
using CareerGraph.Model;
using GraphQL;

namespace CareerGraph.Api.Live;

/// <summary>What one subscriber asked for: the changes after a sequence, about some nodes or kinds.</summary>
internal sealed record GraphChangeFilter(long AfterSequence, IReadOnlySet<string> NodeIds, IReadOnlySet<NodeKind> Kinds)
{
    public bool Matches(GraphChange change) =>
        change.Entry.Sequence > AfterSequence
        && (NodeIds.Count == 0 || change.Entry.NodeIds.Any(NodeIds.Contains))
        && (Kinds.Count == 0 || change.Kinds.Any(Kinds.Contains));
}

/// <summary>
/// The source stream of one graphChanged subscription: the changes after the filter's sequence that the feed has
/// already passed, replayed from the audit trail, then the live ones, each once and in order. Live changes that
/// arrive during the replay wait in a bounded inbox.
/// </summary>
internal sealed class GraphChangeSubscription(GraphChangeFeed feed, GraphChangeFilter filter, int inboxSize) : IObservable<GraphChange>
{
    public IDisposable Subscribe(IObserver<GraphChange> observer)
    {
        var stop = new CancellationTokenSource();
        _ = RunAsync(observer, stop);
        return new Unsubscriber(stop);
    }

    private async Task RunAsync(IObserver<GraphChange> observer, CancellationTokenSource stop)
    {
        var inbox = Channel.CreateBounded<GraphChange>(new BoundedChannelOptions(inboxSize) { SingleReader = true });
        var token = stop.Token;
        try
        {
            var (head, leave) = await feed.JoinAsync(change =>
            {
                if (filter.Matches(change) && !inbox.Writer.TryWrite(change)) inbox.Writer.TryComplete(SubscriberTooSlow());
            }, token);
            using (leave)
            {
                if (filter.AfterSequence < head)
                {
                    var missed = await feed.ReplayAsync(filter.AfterSequence, head, token) ?? throw ReplayTooLong(filter.AfterSequence);
                    foreach (var change in missed.Where(filter.Matches)) observer.OnNext(change);
                }
                await foreach (var change in inbox.Reader.ReadAllAsync(token)) observer.OnNext(change);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            observer.OnError(e);
        }
    }

    private ExecutionError ReplayTooLong(long after) =>
        new($"More than {inboxSize} changes were made after sequence {after}: too many to replay. Read the graph afresh, then subscribe without afterSequence.")
        { Code = ErrorCodes.ReplayTooLong };

    private ExecutionError SubscriberTooSlow() =>
        new($"More than {inboxSize} changes waited for this subscription; it was ended. Subscribe again with afterSequence.")
        { Code = ErrorCodes.SubscriberTooSlow };

    private sealed class Unsubscriber(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }
}
