using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

public sealed class CareerPathType : ObjectGraphType<DescribedPath>
{
    public CareerPathType()
    {
        Name = "CareerPath";
        Description = "A walk from one career to another over SEE_ALSO and SPECIALISATION_OF edges, with the skills at every step.";
        Field<NonNullGraphType<IntGraphType>>("hops").Description("Number of moves: one less than the number of careers.").Resolve(c => c.Source.Path.Hops);
        Field<NonNullGraphType<FloatGraphType>>("strength").Description("Mean weight of the edges walked (SPECIALISATION_OF counts 1), from 0 to 1; higher is a closer walk. Walks are ranked by hops first, so a longer walk never outranks a shorter one.").Resolve(c => Math.Round(c.Source.GraphPath.Strength, 6));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerType>>>>("careers").Description("The careers in walking order.")
            .Resolve(c => c.Loaders().Nodes<Career>(c.Source.GraphPath.Careers));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathStepType>>>>("steps").Description("One step per career, in walking order.").Resolve(c => c.Source.Path.Steps);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedSkills").Description("Skills every career on the walk requires.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Path.SharedSkills));
        Field<NonNullGraphType<SubgraphType>>("graph").Description("The walk as nodes and edges, ready for a drawing library.")
            .ResolveAsync(async c =>
            {
                var nodes = await c.Loaders().Nodes<GraphNode>(c.Source.GraphPath.Careers).GetResultAsync(c.CancellationToken);
                return new Subgraph(nodes, c.Source.GraphPath.Edges, false);
            });
    }
}

public sealed class PathStepType : ObjectGraphType<PathStep>
{
    public PathStepType()
    {
        Name = "PathStep";
        Description = "A career on a walk, with the skills it shares with the career before it and the skills it adds.";
        Field<NonNullGraphType<CareerType>>("career").Description("The career at this step.").Resolve(c => c.Loaders().Node(c.Source.CareerId));
        Field<EdgeKindType>("via").Description("Kind of edge walked to reach this career; null on the first step.").Resolve(c => c.Source.Via?.Kind);
        Field<FloatGraphType>("weight").Description("Weight of the edge walked to reach this career (SPECIALISATION_OF counts 1); null on the first step.").Resolve(c => c.Source.Via?.Strength);
        Field<GraphEdgeType>("edge").Description("The edge walked to reach this career, in its stored direction; null on the first step.").Resolve(c => c.Source.Via);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedWithPrevious").Description("Skills this career shares with the previous one: what carries over. Empty on the first step.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.SharedWithPrevious));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("newSkills").Description("Skills this career requires that the previous one does not: what to learn. On the first step, all its skills.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.NewSkills));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("leftBehind").Description("Skills of the previous career this one does not require.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.LeftBehind));
    }
}

public sealed class SkillGapType : ObjectGraphType<SkillGap>
{
    public SkillGapType()
    {
        Name = "SkillGap";
        Description = "What moving from one career to another means for skills.";
        Field<NonNullGraphType<CareerType>>("from").Description("The career moved from.").Resolve(c => c.Loaders().Node(c.Source.From));
        Field<NonNullGraphType<CareerType>>("to").Description("The career moved to.").Resolve(c => c.Loaders().Node(c.Source.To));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("keep").Description("Skills both careers require.").Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Keep));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("learn").Description("Skills the target requires that the origin does not, most important first.").Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Learn));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("leaveBehind").Description("Skills of the origin the target does not require.").Resolve(c => c.Loaders().Nodes<Skill>(c.Source.LeaveBehind));
    }
}

public sealed class SubgraphType : ObjectGraphType<Subgraph>
{
    public SubgraphType()
    {
        Name = "Graph";
        Description = "Nodes and edges for drawing. Map each node to { data: node } for cytoscape.js; alias source/target as from/to for vis-network.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphNodeType>>>>("nodes").Description("The nodes.").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphEdgeType>>>>("edges").Description("The edges among the nodes.").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when the node limit was reached and more nodes were left out.").Resolve(c => c.Source.Truncated);
    }
}

public sealed class GraphNodeType : ObjectGraphType<GraphNode>
{
    public GraphNodeType()
    {
        Name = "GraphNode";
        Description = "A node of a drawing: id, label and kind are what a drawing library needs; 'node' gives the whole career, skill or industry.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The node's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Text to draw on the node.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<NodeKindType>>("kind").Description("The node's kind, for styling.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<NodeInterface>>("node").Description("The node itself, for any further fields.").Resolve(c => c.Source);
    }
}

public sealed class GraphEdgeType : ObjectGraphType<Edge>
{
    public GraphEdgeType()
    {
        Name = "GraphEdge";
        Description = "An edge for drawing, in its stored direction.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A stable id: source|KIND|target.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("source").Description("Id of the node the edge starts at.").Resolve(c => c.Source.Source);
        Field<NonNullGraphType<IdGraphType>>("target").Description("Id of the node the edge ends at.").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<EdgeKindType>>("kind").Description("The edge's kind.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Text to draw on the edge: the relationship type.").Resolve(c => c.Source.Kind.Code());
        Field<FloatGraphType>("weight").Description("SEE_ALSO: strength of the relation.").Resolve(c => c.Source.Weight);
        Field<IntGraphType>("tier").Description("SEE_ALSO: 1 for the closest relations.").Resolve(c => c.Source.Tier);
        Field<StringGraphType>("reason").Description("SEE_ALSO: why the careers are linked, e.g. the job titles they share.").Resolve(c => c.Source.Reason);
        Field<FloatGraphType>("importance").Description("REQUIRES: how important the skill is, 0 to 1.").Resolve(c => c.Source.Importance);
        Field<BooleanGraphType>("core").Description("REQUIRES: a core skill rather than an optional one.").Resolve(c => c.Source.Core);
    }
}

public sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "A search result.";
        Field<NonNullGraphType<NodeInterface>>("node").Description("The node found.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("matched").Description("The name or alias that matched.").Resolve(c => c.Source.MatchedText);
        Field<NonNullGraphType<BooleanGraphType>>("viaAlias").Description("True when an alias matched rather than the name.").Resolve(c => c.Source.ViaAlias);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Closeness from 0 to 1: 1 is exact, lower for prefixes, substrings and typos.").Resolve(c => c.Source.Score);
    }
}

public sealed class GraphStatsType : ObjectGraphType<GraphStats>
{
    public GraphStatsType()
    {
        Name = "GraphStats";
        Description = "How much the graph holds.";
        Field<NonNullGraphType<IntGraphType>>("careers").Description("Number of careers.").Resolve(c => c.Source.Nodes.GetValueOrDefault(NodeKind.Career));
        Field<NonNullGraphType<IntGraphType>>("skills").Description("Number of skills.").Resolve(c => c.Source.Nodes.GetValueOrDefault(NodeKind.Skill));
        Field<NonNullGraphType<IntGraphType>>("industries").Description("Number of industries.").Resolve(c => c.Source.Nodes.GetValueOrDefault(NodeKind.Industry));
        Field<NonNullGraphType<IntGraphType>>("aliasNames").Description("Number of distinct alias names (compared ignoring case and spacing).").Resolve(c => c.Source.AliasNames);
        Field<NonNullGraphType<IntGraphType>>("aliasLinks").Description("Number of alias links, one per alias name and node it names: a title naming three careers is three links.").Resolve(c => c.Source.AliasLinks);
        Field<NonNullGraphType<IntGraphType>>("aliases").Description("Number of alias links; the same as aliasLinks.").DeprecationReason("Says names but counts links: use aliasLinks, or aliasNames for the names.").Resolve(c => c.Source.AliasLinks);
        Field<NonNullGraphType<IntGraphType>>("edges").Description("Number of edges of every kind.").Resolve(c => c.Source.Edges.Values.Sum());
    }
}
