using CareerGraph.Api.Security;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.GraphQL;

/// <summary>The read side of the API. Resolvers check arguments and delegate to the store port.</summary>
public sealed class QueryType : ObjectGraphType
{
    /// <param name="limits">Bounds of page sizes and path arguments, from configuration (docs/limits.md).</param>
    public QueryType(ICareerGraphStore store, LimitOptions limits)
    {
        Name = "Query";
        Description = "Read the career graph: look up, list, search, and walk between careers.";

        Field<NodeInterface>("node")
            .Description("Any node by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The node's id.")
            .Resolve(c => c.Loaders().Node(c.GetArgument<string>("id")));

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Nodes by their global ids, in the order asked; null where an id is unknown.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"The ids (at most {limits.MaxPageSize}).")
            .Resolve(c =>
            {
                var ids = c.GetArgument<List<string>>("ids");
                Arguments.Bounded(ids.Count, "ids", 0, limits.MaxPageSize);
                return c.Loaders().NodesOrNull(ids);
            });

        Field<CareerType>("career")
            .Description("One career by id, name or alias (case-insensitive); null when nothing matches. The best match wins: a name over an alias, a curated career over an O*NET one (\"Cloud Engineer\" is the curated career, though O*NET occupations carry that title; resolve lists them all). An alias naming several careers equally is an AMBIGUOUS_REFERENCE error listing them.")
            .Argument<IdGraphType>("id", "The career's id.")
            .Argument<StringGraphType>("name", "The career's name or one of its aliases.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Career));

        Field<SkillType>("skill")
            .Description("One skill by id, name or alias (case-insensitive); null when nothing matches.")
            .Argument<IdGraphType>("id", "The skill's id.")
            .Argument<StringGraphType>("name", "The skill's name or one of its aliases.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Skill));

        Field<IndustryType>("industry")
            .Description("One industry by id or name (case-insensitive); null when nothing matches.")
            .Argument<IdGraphType>("id", "The industry's id.")
            .Argument<StringGraphType>("name", "The industry's name.")
            .ResolveAsync(c => Lookup(store, c, NodeKind.Industry));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NodeInterface>>>>("resolve")
            .Description("Every node an id, name or alias may mean, curated and O*NET, best first: the node with that id, the career a merged-away id stands for, nodes with that name, then nodes with that alias; curated before O*NET at each step.")
            .Argument<NonNullGraphType<StringGraphType>>("reference", "An id, a name or an alias.")
            .Argument<NodeKindType>("kind", "Only nodes of this kind.")
            .ResolveAsync(async c => await store.ResolveEveryMeaningAsync(c.GetArgument<string>("reference"), c.GetArgument<NodeKind?>("kind"), c.CancellationToken));

        Field<NonNullGraphType<CareerConnectionType>>("careers")
            .Description("Careers, a page at a time, filtered and sorted.")
            .PagingArguments(limits)
            .Argument<CareerFilterType>("filter", "Conditions the careers must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<CareerFilter?>("filter");
                var query = new CareerQuery(c.PageRequest(limits))
                {
                    NameContains = filter?.NameContains,
                    HasSkill = await store.ResolveIdAsync("filter.hasSkill", filter?.HasSkill, NodeKind.Skill, c.CancellationToken),
                    InIndustry = await store.ResolveIdAsync("filter.inIndustry", filter?.InIndustry, NodeKind.Industry, c.CancellationToken),
                    IsSpecialisation = filter?.IsSpecialisation,
                    Category = filter?.Category,
                    Sort = c.GetArgument("orderBy", SortOrder.NameAscending),
                };
                return new Connection<Career>(await store.FindCareersAsync(query, c.CancellationToken));
            });

        Field<NonNullGraphType<SkillConnectionType>>("skills")
            .Description("Skills, a page at a time, filtered and sorted.")
            .PagingArguments(limits)
            .Argument<SkillFilterType>("filter", "Conditions the skills must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<SkillFilter?>("filter");
                var query = new SkillQuery(c.PageRequest(limits))
                {
                    NameContains = filter?.NameContains,
                    Category = filter?.Category,
                    Hot = filter?.Hot,
                    RequiredBy = await store.ResolveIdAsync("filter.requiredBy", filter?.RequiredBy, NodeKind.Career, c.CancellationToken),
                    Sort = c.GetArgument("orderBy", SortOrder.NameAscending),
                };
                return new Connection<Skill>(await store.FindSkillsAsync(query, c.CancellationToken));
            });

        Field<NonNullGraphType<IndustryConnectionType>>("industries")
            .Description("Industries, a page at a time.")
            .PagingArguments(limits)
            .Argument<IndustryFilterType>("filter", "Conditions the industries must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<IndustryFilter?>("filter");
                var query = new IndustryQuery(c.PageRequest(limits)) { NameContains = filter?.NameContains, Sort = c.GetArgument("orderBy", SortOrder.NameAscending) };
                return new Connection<Industry>(await store.FindIndustriesAsync(query, c.CancellationToken));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitType>>>>("search")
            .Description("Careers, skills and industries whose name or alias matches the text, best first; small typos are forgiven.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "What to look for (1–200 characters).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "Only these kinds; all kinds when left out.")
            .Argument<IntGraphType>("first", a => { a.Description = $"At most this many results (1–{limits.MaxPageSize})."; a.DefaultValue = 10; })
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                if (text.Trim().Length is < 1 or > 200)
                    throw GraphError.InvalidArgument("text", $"'text' has {text.Trim().Length} characters; give 1 to 200 (spaces at the ends do not count).");
                var kinds = c.GetArgument<List<NodeKind>?>("kinds") ?? [];
                var first = Arguments.Bounded(c.GetArgument("first", 10), "first", 1, limits.MaxPageSize);
                return await store.SearchAsync(new SearchQuery(text, kinds.ToHashSet(), first), c.CancellationToken);
            });

        Field<CareerPathType>("path")
            .Description("The best walk between two careers: fewest hops, then the strongest links. Null when none is within maxHops. Example: from \"ML Engineer\" to \"Cloud Engineer\" passes MLOps Engineer.")
            .PathArguments(limits)
            .ResolveAsync(async c => (await FindPaths(store, limits, c, k: 1)).FirstOrDefault());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerPathType>>>>("paths")
            .Description("Up to k loopless walks between two careers, best first (Yen's k shortest paths).")
            .PathArguments(limits)
            .Argument<IntGraphType>("k", a => { a.Description = $"How many walks at most (1–{limits.MaxPaths})."; a.DefaultValue = 3; })
            .ResolveAsync(async c => await FindPaths(store, limits, c, Arguments.Bounded(c.GetArgument("k", 3), "k", 1, limits.MaxPaths)));

        this.AddCareerMoves(store, limits);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedSkills")
            .Description("Skills every one of the careers requires, most important first.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("careers", "Two or more careers: ids, names or aliases (at most 20).")
            .ResolveAsync(async c =>
            {
                var references = c.GetArgument<List<string>>("careers");
                Arguments.Bounded(references.Count, "careers", 1, 20);
                var ids = new List<string>();
                foreach (var reference in references)
                    ids.Add((await store.ResolveOneAsync("careers", reference, NodeKind.Career, c.CancellationToken)).Id);
                var requirements = await store.RequirementsOfAsync(ids, c.CancellationToken);
                var shared = SkillComparison.Shared(ids.Distinct().Select(id => requirements[id]));
                return await c.Loaders().Nodes<Skill>(shared).GetResultAsync(c.CancellationToken);
            });

        Field<NonNullGraphType<SkillGapType>>("skillGap")
            .Description("What moving from one career to another means for skills: keep, learn, leave behind.")
            .Argument<NonNullGraphType<StringGraphType>>("from", "The career now: id, name or alias.")
            .Argument<NonNullGraphType<StringGraphType>>("to", "The career wanted: id, name or alias.")
            .ResolveAsync(async c =>
            {
                var from = await store.ResolveOneAsync("from", c.GetArgument<string>("from"), NodeKind.Career, c.CancellationToken);
                var to = await store.ResolveOneAsync("to", c.GetArgument<string>("to"), NodeKind.Career, c.CancellationToken);
                var requirements = await store.RequirementsOfAsync([from.Id, to.Id], c.CancellationToken);
                return SkillComparison.Gap(from.Id, to.Id, requirements[from.Id], requirements[to.Id]);
            });

        Field<NonNullGraphType<SubgraphType>>("neighbourhood")
            .Description("The nodes within a few hops of one node and the edges among them, shaped for drawing: nodes { id label kind } and edges { source target kind weight }.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The centre: an id, name or alias.")
            .Argument<IntGraphType>("depth", a => { a.Description = $"How many hops out (1–{limits.MaxNeighbourhoodDepth})."; a.DefaultValue = 1; })
            .Argument<ListGraphType<NonNullGraphType<EdgeKindType>>>("edgeKinds", "Only follow these kinds of edge; all kinds when left out.")
            .Argument<IntGraphType>("maxNodes", a => { a.Description = $"Stop adding nodes past this many (1–{limits.MaxNeighbourhoodNodes})."; a.DefaultValue = 200; })
            .ResolveAsync(async c =>
            {
                var centre = await ResolveAny(store, "id", c.GetArgument<string>("id"), c.CancellationToken);
                return await store.GetNeighbourhoodAsync(new NeighbourhoodQuery(centre.Id)
                {
                    Depth = Arguments.Bounded(c.GetArgument("depth", 1), "depth", 1, limits.MaxNeighbourhoodDepth),
                    EdgeKinds = c.GetArgument<List<EdgeKind>?>("edgeKinds") ?? [],
                    MaxNodes = Arguments.Bounded(c.GetArgument("maxNodes", 200), "maxNodes", 1, limits.MaxNeighbourhoodNodes),
                }, c.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("auditTrail")
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

        Field<NonNullGraphType<GraphStatsType>>("stats")
            .Description("How much the graph holds.")
            .ResolveAsync(async c => await store.GetStatsAsync(c.CancellationToken));
    }

    private static async Task<object?> Lookup(ICareerGraphStore store, IResolveFieldContext c, NodeKind kind)
    {
        var id = c.GetArgument<string?>("id");
        var name = c.GetArgument<string?>("name");
        if ((id is null) == (name is null))
            throw GraphError.InvalidArgument("id", "Give exactly one of 'id' and 'name'.");
        if (id is not null)
            return await c.Loaders().Node(id).Then(node => node?.Kind == kind ? node : null).GetResultAsync(c.CancellationToken);
        var candidates = await store.ResolveAsync(name!, kind, c.CancellationToken);
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw GraphError.Ambiguous("name", name!, candidates),
        };
    }

    private static async Task<GraphNode> ResolveAny(ICareerGraphStore store, string argument, string reference, CancellationToken cancellationToken)
    {
        var candidates = await store.ResolveAsync(reference, null, cancellationToken);
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw GraphError.NotFound(argument, reference, null),
            _ => throw GraphError.Ambiguous(argument, reference, candidates),
        };
    }

    private static async Task<IReadOnlyList<DescribedPath>> FindPaths(ICareerGraphStore store, LimitOptions limits, IResolveFieldContext c, int k)
    {
        var from = await store.ResolveOneAsync("from", c.GetArgument<string>("from"), NodeKind.Career, c.CancellationToken);
        var to = await store.ResolveOneAsync("to", c.GetArgument<string>("to"), NodeKind.Career, c.CancellationToken);
        var via = c.GetArgument<List<EdgeKind>?>("via") ?? [.. EdgeKinds.CareerToCareer];
        if (via.Count == 0 || via.Any(kind => !EdgeKinds.CareerToCareer.Contains(kind)))
            throw GraphError.InvalidArgument("via", "'via' takes SEE_ALSO and/or SPECIALISATION_OF: the edges that join careers.");
        var query = new PathQuery(from.Id, to.Id)
        {
            Via = via,
            MaxHops = Arguments.Bounded(c.GetArgument("maxHops", 4), "maxHops", 1, limits.MaxHops),
            MinWeight = Arguments.Bounded(c.GetArgument("minWeight", PathDefaults.MinWeight), "minWeight", 0.0, 1.0),
            K = k,
        };
        var paths = await store.FindPathsAsync(query, c.CancellationToken);
        var careers = paths.SelectMany(r => r.Careers).Distinct().ToList();
        var requirements = await store.RequirementsOfAsync(careers, c.CancellationToken);
        return paths.Select(r => new DescribedPath(r, SkillComparison.Describe(r, requirements))).ToList();
    }
}

internal static class QueryArguments
{
    public static FieldBuilder<object?, object> PagingArguments(this FieldBuilder<object?, object> field, LimitOptions limits) => field
        .Argument<IntGraphType>("first", a => { a.Description = $"Page size (0–{limits.MaxPageSize})."; a.DefaultValue = 20; })
        .Argument<StringGraphType>("after", "Start after this cursor (an endCursor from the previous page).");

    public static FieldBuilder<object?, object> PathArguments(this FieldBuilder<object?, object> field, LimitOptions limits) => field
        .Argument<NonNullGraphType<StringGraphType>>("from", "Where the walk starts: a career id, name or alias.")
        .Argument<NonNullGraphType<StringGraphType>>("to", "Where the walk ends: a career id, name or alias.")
        .Argument<ListGraphType<NonNullGraphType<EdgeKindType>>>("via", "Kinds of edge the walk may use; SEE_ALSO and SPECIALISATION_OF when left out. Edges are walked in either direction.")
        .Argument<IntGraphType>("maxHops", a => { a.Description = $"Longest walk considered (1–{limits.MaxHops})."; a.DefaultValue = 4; })
        .Argument<FloatGraphType>("minWeight", a => { a.Description = "Skip SEE_ALSO edges weaker than this (0–1). Generic cross-links are weaker than the default 0.5."; a.DefaultValue = PathDefaults.MinWeight; });

    public static PageRequest PageRequest(this IResolveFieldContext c, LimitOptions limits) =>
        new(Arguments.Offset(c.GetArgument<string?>("after")), Arguments.Bounded(c.GetArgument("first", 20), "first", 0, limits.MaxPageSize));
}
