using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Query fields that compare careers by skills (<see cref="CareerPaths"/>).</summary>
internal static class SkillComparisonFields
{
    public static void AddSkillComparison(this ObjectGraphType query, CareerPaths careerPaths)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedSkills")
            .Description("Skills every one of the careers requires, most important first.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("careers", $"Two or more careers: ids, names or aliases (at most {CareerPaths.MaxComparedCareers}).")
            .ResolveAsync(async c =>
            {
                var shared = await careerPaths.SharedSkillsAsync(c.GetArgument<List<string>>("careers"), c.CancellationToken);
                return await c.Loaders().Nodes<Skill>(shared).GetResultAsync(c.CancellationToken);
            });

        query.Field<NonNullGraphType<SkillGapType>>("skillGap")
            .Description("What moving from one career to another means for skills: keep, learn, leave behind.")
            .Argument<NonNullGraphType<StringGraphType>>("from", "The career now: id, name or alias.")
            .Argument<NonNullGraphType<StringGraphType>>("to", "The career wanted: id, name or alias.")
            .ResolveAsync(async c => await careerPaths.GapAsync(c.GetArgument<string>("from"), c.GetArgument<string>("to"), c.CancellationToken));
    }
}
