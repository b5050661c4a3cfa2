using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class CareerPathType : ObjectGraphType<CareerPath>
{
    public CareerPathType()
    {
        Name = "CareerPath";
        Description = "A walk from one career to another over SEE_ALSO and SPECIALISATION_OF edges, with the skills at every step.";
        Field<NonNullGraphType<IntGraphType>>("hops").Description("Number of moves: one less than the number of careers.").Reads(s => s.Path.Hops);
        Field<NonNullGraphType<FloatGraphType>>("strength").Description("Mean weight of the edges walked (SPECIALISATION_OF counts 1), from 0 to 1; higher is a closer walk. Walks are ranked by hops first, so a longer walk never outranks a shorter one.").Resolve(c => Math.Round(c.Source.Path.Strength, 6));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerType>>>>("careers").Description("The careers in walking order.")
            .Resolve(c => c.Loaders().Nodes<Career>(c.Source.Path.Careers));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathStepType>>>>("steps").Description("One step per career, in walking order.").Reads(s => s.Skills.Steps);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedSkills").Description("Skills every career on the walk requires.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Skills.SharedSkills));
        Field<NonNullGraphType<SubgraphType>>("graph").Description("The walk as nodes and edges, ready for a drawing library.")
            .ResolveAsync(async c =>
            {
                var nodes = await c.Loaders().Nodes<GraphNode>(c.Source.Path.Careers).GetResultAsync(c.CancellationToken);
                return new Subgraph(nodes, c.Source.Path.Edges, false);
            });
    }
}

internal sealed class PathStepType : ObjectGraphType<PathStep>
{
    public PathStepType()
    {
        Name = "PathStep";
        Description = "A career on a walk, with the skills it shares with the career before it and the skills it adds.";
        Field<NonNullGraphType<CareerType>>("career").Description("The career at this step.").Resolve(c => c.Loaders().Node(c.Source.CareerId));
        Field<EdgeKindType>("via").Description("Kind of edge walked to reach this career; null on the first step.").Reads(s => s.Via?.Kind);
        Field<FloatGraphType>("weight").Description("Weight of the edge walked to reach this career (SPECIALISATION_OF counts 1); null on the first step.").Reads(s => s.Via?.Strength);
        Field<GraphEdgeType>("edge").Description("The edge walked to reach this career, in its stored direction; null on the first step.").Reads(s => s.Via);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedWithPrevious").Description("Skills this career shares with the previous one: what carries over. Empty on the first step.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.SharedWithPrevious));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("newSkills").Description("Skills this career requires that the previous one does not: what to learn. On the first step, all its skills.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.NewSkills));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("leftBehind").Description("Skills of the previous career this one does not require.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.LeftBehind));
    }
}

internal sealed class SkillGapType : ObjectGraphType<SkillGap>
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
