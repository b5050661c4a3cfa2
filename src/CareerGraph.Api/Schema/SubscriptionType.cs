using CareerGraph.Api.Live;
using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Live changes, fed by the audit trail (Live/GraphChangeFeed.cs); served over Server-Sent Events.</summary>
internal sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(GraphChangeFeed feed, LimitOptions limits)
    {
        Name = "Subscription";
        Description = "Changes as they are made. Subscriptions are served as GraphQL over Server-Sent Events (send Accept: text/event-stream; "
            + "see docs/subscriptions.md); over plain JSON they are refused with EVENT_STREAM_REQUIRED.";

        Field<NonNullGraphType<GraphChangeType>>("graphChanged")
            .Description("One event per accepted change, in the order of the audit trail. Given nodeIds or kinds, only changes that concern one of those "
                + "nodes, or a node of one of those kinds. Given afterSequence, the changes made since that sequence are replayed first, so a client "
                + "that reconnects with the last sequence it saw misses nothing and sees nothing twice.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("nodeIds", $"Only changes that concern one of these nodes (at most {limits.MaxPageSize} ids).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "Only changes that concern a node of one of these kinds.")
            .Argument<IntGraphType>("afterSequence", "Replay the changes after this sequence first: the last sequence this client saw. "
                + $"Left out, only changes from now on. More than CareerGraph:Limits:Subscriptions:BufferedEvents ({limits.Subscriptions.BufferedEvents}) missed changes "
                + "cannot be replayed (REPLAY_TOO_LONG): read the graph afresh instead.")
            .ResolveStreamAsync(async c =>
            {
                var nodeIds = c.GetArgument<List<string>?>("nodeIds") ?? [];
                if (nodeIds.Count > limits.MaxPageSize)
                    throw GraphError.InvalidArgument("nodeIds", $"'nodeIds' has {nodeIds.Count} ids; give at most {limits.MaxPageSize}, or subscribe by kinds.");
                int? after;
                try
                {
                    after = c.GetArgument<int?>("afterSequence") is { } value ? InvalidRequestException.Bounded(value, "afterSequence", 0, int.MaxValue) : null;
                }
                catch (InvalidRequestException refused)
                {
                    throw GraphError.From(refused);
                }
                // Without afterSequence the stream starts at the end of the trail as it is now, before the client hears it is
                // subscribed: a change made after that is never missed, however long the stream takes to start.
                var from = after ?? await feed.HeadAsync(c.CancellationToken);
                var filter = new GraphChangeFilter(from, nodeIds.ToHashSet(), (c.GetArgument<List<NodeKind>?>("kinds") ?? []).ToHashSet());
                return (IObservable<GraphChange>)new GraphChangeSubscription(feed, filter, limits.Subscriptions.BufferedEvents);
            });
    }
}

internal sealed class GraphChangeType : ObjectGraphType<GraphChange>
{
    public GraphChangeType()
    {
        Name = "GraphChange";
        Description = "One accepted change to the graph, as recorded in the audit trail.";
        Field<NonNullGraphType<IntGraphType>>("sequence").Description("Its position in the audit trail: pass the last one seen as afterSequence when reconnecting.")
            .Resolve(c => checked((int)c.Source.Entry.Sequence));
        Field<NonNullGraphType<AuditOperationType>>("operation").Description("What kind of change it was.").Reads(s => s.Entry.Operation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("nodeIds").Description("The nodes the change concerns.").Reads(s => s.Entry.NodeIds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NodeKindType>>>>("kinds").Description("The kinds of those nodes.").Reads(s => s.Kinds);
        Field<NonNullGraphType<StringGraphType>>("summary").Description("The change in one sentence.").Reads(s => s.Entry.Summary);
        Field<NonNullGraphType<StringGraphType>>("at").Description("When the change was stored: ISO 8601, UTC.").Reads(s => s.Entry.At.UtcDateTime.ToString("O"));
        Field<NonNullGraphType<StringGraphType>>("actor").Description("Who made the change, as in the audit trail. For curators, like the audit trail.")
            .AuthorizeWithRoles(Curators.Role)
            .Reads(s => s.Entry.Actor);
    }
}
