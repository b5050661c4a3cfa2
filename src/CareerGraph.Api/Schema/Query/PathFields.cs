using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Query fields that walk between careers: the best path and the k best, described in skills (<see cref="CareerPaths"/>).</summary>
internal static class PathFields
{
    public static void AddPaths(this ObjectGraphType query, CareerPaths careerPaths, LimitOptions limits)
    {
        query.Field<CareerPathType>("path")
            .Description("The best walk between two careers: fewest hops, then the strongest links. Null when none is within maxHops. Example: from \"ML Engineer\" to \"Cloud Engineer\" passes MLOps Engineer.")
            .PathArguments(limits)
            .ResolveAsync(async c => (await careerPaths.FindAsync(c.PathRequest(k: 1), c.CancellationToken)).FirstOrDefault());

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerPathType>>>>("paths")
            .Description("Up to k loopless walks between two careers, best first (Yen's k shortest paths).")
            .PathArguments(limits)
            .Argument<IntGraphType>("k", a => { a.Description = $"How many walks at most (1–{limits.MaxPaths})."; a.DefaultValue = 3; })
            .ResolveAsync(async c => await careerPaths.FindAsync(c.PathRequest(c.GetArgument("k", 3)), c.CancellationToken));
    }

    public static FieldBuilder<object?, object> PathArguments(this FieldBuilder<object?, object> field, LimitOptions limits) => field
        .Argument<NonNullGraphType<StringGraphType>>("from", "Where the walk starts: a career id, name or alias.")
        .Argument<NonNullGraphType<StringGraphType>>("to", "Where the walk ends: a career id, name or alias.")
        .Argument<ListGraphType<NonNullGraphType<EdgeKindType>>>("via", "Kinds of edge the walk may use; SEE_ALSO and SPECIALISATION_OF when left out. Edges are walked in either direction.")
        .Argument<IntGraphType>("maxHops", a => { a.Description = $"Longest walk considered (1–{limits.MaxHops})."; a.DefaultValue = 4; })
        .Argument<FloatGraphType>("minWeight", a => { a.Description = "Skip SEE_ALSO edges weaker than this (0–1). Generic cross-links are weaker than the default 0.5."; a.DefaultValue = PathDefaults.MinWeight; });

    private static PathRequest PathRequest(this IResolveFieldContext c, int k) => new(c.GetArgument<string>("from"), c.GetArgument<string>("to"))
    {
        Via = c.GetArgument<List<EdgeKind>?>("via"),
        MaxHops = c.GetArgument("maxHops", 4),
        MinWeight = c.GetArgument("minWeight", PathDefaults.MinWeight),
        K = k,
    };
}
