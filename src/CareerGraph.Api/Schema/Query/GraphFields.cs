using CareerGraph.Api.Security;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Query fields about the graph as a whole: a neighbourhood to draw, the audit trail, the counts.</summary>
internal static class GraphFields
{
    public static void AddGraph(this ObjectGraphType query, ICareerGraphStore store, LimitOptions limits)
    {
        query.Field<NonNullGraphType<SubgraphType>>("neighbourhood")
            .Description("The nodes within a few hops of one node and the edges among them, shaped for drawing: nodes { id label kind } and edges { source target kind weight }.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The centre: an id, name or alias.")
            .Argument<IntGraphType>("depth", a => { a.Description = $"How many hops out (1–{limits.MaxNeighbourhoodDepth})."; a.DefaultValue = 1; })
            .Argument<ListGraphType<NonNullGraphType<EdgeKindType>>>("edgeKinds", "Only follow these kinds of edge; all kinds when left out.")
            .Argument<IntGraphType>("maxNodes", a => { a.Description = $"Stop adding nodes past this many (1–{limits.MaxNeighbourhoodNodes})."; a.DefaultValue = 200; })
            .ResolveAsync(async c =>
            {
                var centre = await store.ResolveOneAsync("id", c.GetArgument<string>("id"), kind: null, c.CancellationToken);
                return await store.GetNeighbourhoodAsync(new NeighbourhoodQuery(centre.Id)
                {
                    Depth = Arguments.Bounded(c.GetArgument("depth", 1), "depth", 1, limits.MaxNeighbourhoodDepth),
                    EdgeKinds = c.GetArgument<List<EdgeKind>?>("edgeKinds") ?? [],
                    MaxNodes = Arguments.Bounded(c.GetArgument("maxNodes", 200), "maxNodes", 1, limits.MaxNeighbourhoodNodes),
                }, c.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("auditTrail")
            .Description("Accepted changes, oldest first: who changed what, when, and the state before and after. For curators.")
            .Argument<IdGraphType>("nodeId", "Only changes that concern this node.")
            .Argument<StringGraphType>("actor", "Only changes by this actor, e.g. \"key:ci-bot\" or \"jwt:alice\".")
            .Argument<IntGraphType>("afterSequence", a => { a.Description = "Continue after this sequence number: the last one of the previous page."; a.DefaultValue = 0; })
            .Argument<IntGraphType>("first", a => { a.Description = "At most this many entries (1–500)."; a.DefaultValue = 50; })
            .AuthorizeWithRoles(Curators.Role)
            .ResolveAsync(async c => await store.GetAuditAsync(new AuditQuery
            {
                NodeId = c.GetArgument<string?>("nodeId"),
                Actor = c.GetArgument<string?>("actor"),
                AfterSequence = Arguments.Bounded(c.GetArgument("afterSequence", 0), "afterSequence", 0, int.MaxValue),
                First = Arguments.Bounded(c.GetArgument("first", 50), "first", 1, 500),
            }, c.CancellationToken));

        query.Field<NonNullGraphType<GraphStatsType>>("stats")
            .Description("How much the graph holds.")
            .ResolveAsync(async c => await store.GetStatsAsync(c.CancellationToken));
    }
}
