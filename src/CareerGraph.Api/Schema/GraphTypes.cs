using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class SubgraphType : ObjectGraphType<Subgraph>
{
    public SubgraphType()
    {
        Name = "Graph";
        Description = "Nodes and edges for drawing. Map each node to { data: node } for cytoscape.js; alias source/target as from/to for vis-network.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphNodeType>>>>("nodes").Description("The nodes.").Reads(s => s.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphEdgeType>>>>("edges").Description("The edges among the nodes.").Reads(s => s.Edges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when the node limit was reached and more nodes were left out.").Reads(s => s.Truncated);
    }
}

internal sealed class GraphNodeType : ObjectGraphType<GraphNode>
{
    public GraphNodeType()
    {
        Name = "GraphNode";
        Description = "A node of a drawing: id, label and kind are what a drawing library needs; 'node' gives the whole career, skill or industry.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The node's id.").Reads(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Text to draw on the node.").Reads(s => s.Name);
        Field<NonNullGraphType<NodeKindType>>("kind").Description("The node's kind, for styling.").Reads(s => s.Kind);
        Field<NonNullGraphType<NodeInterface>>("node").Description("The node itself, for any further fields.").Reads(s => s);
    }
}

internal sealed class GraphEdgeType : ObjectGraphType<Edge>
{
    public GraphEdgeType()
    {
        Name = "GraphEdge";
        Description = "An edge for drawing, in its stored direction.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A stable id: source|KIND|target.").Reads(s => s.Id);
        Field<NonNullGraphType<IdGraphType>>("source").Description("Id of the node the edge starts at.").Reads(s => s.Source);
        Field<NonNullGraphType<IdGraphType>>("target").Description("Id of the node the edge ends at.").Reads(s => s.Target);
        Field<NonNullGraphType<EdgeKindType>>("kind").Description("The edge's kind.").Reads(s => s.Kind);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Text to draw on the edge: the relationship type.").Reads(s => s.Kind.Code());
        Field<FloatGraphType>("weight").Description("SEE_ALSO: strength of the relation.").Reads(s => s.Weight);
        Field<IntGraphType>("tier").Description("SEE_ALSO: 1 for the closest relations.").Reads(s => s.Tier);
        Field<StringGraphType>("reason").Description("SEE_ALSO: why the careers are linked, e.g. the job titles they share.").Reads(s => s.Reason);
        Field<FloatGraphType>("importance").Description("REQUIRES: how important the skill is, 0 to 1.").Reads(s => s.Importance);
        Field<BooleanGraphType>("core").Description("REQUIRES: a core skill rather than an optional one.").Reads(s => s.Core);
    }
}
