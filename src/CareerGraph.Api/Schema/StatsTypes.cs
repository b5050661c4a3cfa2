using CareerGraph.Model;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class GraphStatsType : ObjectGraphType<GraphStats>
{
    public GraphStatsType()
    {
        Name = "GraphStats";
        Description = "How much the graph holds.";
        Field<NonNullGraphType<IntGraphType>>("careers").Description("Number of careers.").Reads(s => s.Nodes.GetValueOrDefault(NodeKind.Career));
        Field<NonNullGraphType<IntGraphType>>("skills").Description("Number of skills.").Reads(s => s.Nodes.GetValueOrDefault(NodeKind.Skill));
        Field<NonNullGraphType<IntGraphType>>("industries").Description("Number of industries.").Reads(s => s.Nodes.GetValueOrDefault(NodeKind.Industry));
        Field<NonNullGraphType<IntGraphType>>("aliasNames").Description("Number of distinct alias names (compared ignoring case and spacing).").Reads(s => s.AliasNames);
        Field<NonNullGraphType<IntGraphType>>("aliasLinks").Description("Number of alias links, one per alias name and node it names: a title naming three careers is three links.").Reads(s => s.AliasLinks);
        Field<NonNullGraphType<IntGraphType>>("aliases").Description("Number of alias links; the same as aliasLinks.").DeprecationReason("Says names but counts links: use aliasLinks, or aliasNames for the names.").Reads(s => s.AliasLinks);
        Field<NonNullGraphType<IntGraphType>>("edges").Description("Number of edges of every kind.").Reads(s => s.Edges.Values.Sum());
    }
}
