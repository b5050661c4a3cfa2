using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Query fields that look nodes up: by global id, by id, name or alias, and every meaning of a reference.</summary>
internal static class LookupFields
{
    public static void AddLookups(this ObjectGraphType query, ICareerGraphStore store, LimitOptions limits)
    {
        query.Field<NodeInterface>("node")
            .Description("Any node by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The node's id.")
            .Resolve(c => c.Loaders().Node(c.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Nodes by their global ids, in the order asked; null where an id is unknown.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"The ids (at most {limits.MaxPageSize}).")
            .Resolve(c =>
            {
                var ids = c.GetArgument<List<string>>("ids");
                Arguments.Bounded(ids.Count, "ids", 0, limits.MaxPageSize);
                return c.Loaders().NodesOrNull(ids);
            });

        query.Field<CareerType>("career")
            .Description("One career by id, name or alias (case-insensitive); null when nothing matches. The best match wins: a name over an alias, a curated career over an O*NET one (\"Cloud Engineer\" is the curated career, though O*NET occupations carry that title; resolve lists them all). An alias naming several careers equally is an AMBIGUOUS_REFERENCE error listing them.")
            .Argument<IdGraphType>("id", "The career's id.")
            .Argument<StringGraphType>("name", "The career's name or one of its aliases.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Career));

        query.Field<SkillType>("skill")
            .Description("One skill by id, name or alias (case-insensitive); null when nothing matches.")
            .Argument<IdGraphType>("id", "The skill's id.")
            .Argument<StringGraphType>("name", "The skill's name or one of its aliases.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Skill));

        query.Field<IndustryType>("industry")
            .Description("One industry by id or name (case-insensitive); null when nothing matches.")
            .Argument<IdGraphType>("id", "The industry's id.")
            .Argument<StringGraphType>("name", "The industry's name.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Industry));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NodeInterface>>>>("resolve")
            .Description("Every node an id, name or alias may mean, curated and O*NET, best first: the node with that id, the career a merged-away id stands for, nodes with that name, then nodes with that alias; curated before O*NET at each step.")
            .Argument<NonNullGraphType<StringGraphType>>("reference", "An id, a name or an alias.")
            .Argument<NodeKindType>("kind", "Only nodes of this kind.")
            .ResolveAsync(async c => await store.ResolveEveryMeaningAsync(c.GetArgument<string>("reference"), c.GetArgument<NodeKind?>("kind"), c.CancellationToken));
    }

    private static async Task<object?> Lookup(ICareerGraphStore store, IResolveFieldContext c, NodeKind kind)
    {
        var id = c.GetArgument<string?>("id");
        var name = c.GetArgument<string?>("name");
        if ((id is null) == (name is null))
            throw GraphError.InvalidArgument("id", "Give exactly one of 'id' and 'name'.");
        if (id is not null)
            return await c.Loaders().Node(id).Then(node => node?.Kind == kind ? node : null).GetResultAsync(c.CancellationToken);
        return await store.ResolveAtMostOneAsync("name", name!, kind, c.CancellationToken);
    }
}
