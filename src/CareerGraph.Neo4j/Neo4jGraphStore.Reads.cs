using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;

namespace CareerGraph.Neo4j;

/// <summary>Reads by id, reference and filter, edges, aliases, counts and the whole graph: one statement each.</summary>
partial class Neo4jGraphStore
{
    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("nodes-by-id"), new { ids = ids.Distinct().ToArray() }, cancellationToken);
        return [.. result.Column<NodeRecord>("node").Select(n => n.ToNode())];
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(reference, kind, everyMeaning: false, cancellationToken);

    public Task<IReadOnlyList<GraphNode>> ResolveEveryMeaningAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(reference, kind, everyMeaning: true, cancellationToken);

    private async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind, bool everyMeaning, CancellationToken cancellationToken)
    {
        var result = await _client.RunAsync(CypherFiles.Query("nodes-by-reference"),
            new { id = reference.Trim(), key = Names.Key(reference), kind = kind?.ToString(), every = everyMeaning, onet = Sources.Onet }, cancellationToken);
        return [.. result.Column<NodeRecord>("node").Select(n => n.ToNode())];
    }

    public async Task<Page<Career>> FindCareersAsync(CareerQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("careers-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            isSpecialisation = query.IsSpecialisation,
            category = query.Category,
            hasSkill = query.HasSkill,
            inIndustry = query.InIndustry,
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Career>(result, query.Page);
    }

    public async Task<Page<Skill>> FindSkillsAsync(SkillQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("skills-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            category = query.Category,
            hot = query.Hot,
            requiredBy = query.RequiredBy,
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Skill>(result, query.Page);
    }

    public async Task<Page<Industry>> FindIndustriesAsync(IndustryQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("industries-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Industry>(result, query.Page);
    }

    public async Task<IReadOnlyList<Edge>> GetEdgesAsync(IReadOnlyCollection<string> nodeIds, EdgeKind kind, Direction direction, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0) return [];
        var ids = nodeIds.Distinct().ToArray();
        var result = await _client.RunAsync(CypherFiles.EdgesOf(kind), new
        {
            sources = direction is Direction.Outgoing or Direction.Both ? ids : [],
            targets = direction is Direction.Incoming or Direction.Both ? ids : [],
        }, cancellationToken);
        return [.. result.Column<EdgeRecord>("edge").Select(e => e.ToEdge())];
    }

    public async Task<IReadOnlyList<Alias>> GetAliasesAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("aliases-of"), new { ids = nodeIds.Distinct().ToArray() }, cancellationToken);
        return [.. result.Column<AliasRecord>("alias").Select(a => a.ToAlias())];
    }

    public async Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("graph-stats"), cancellationToken: cancellationToken);
        int Count(string field) => result.Single(field, 0);
        return new GraphStats(
            new Dictionary<NodeKind, int>
            {
                [NodeKind.Career] = Count("careers"),
                [NodeKind.Skill] = Count("skills"),
                [NodeKind.Industry] = Count("industries"),
            },
            new Dictionary<EdgeKind, int>
            {
                [EdgeKind.Requires] = Count("requires"),
                [EdgeKind.InIndustry] = Count("inIndustry"),
                [EdgeKind.SpecialisationOf] = Count("specialisationOf"),
                [EdgeKind.SeeAlso] = Count("seeAlso"),
            },
            Count("aliasNames"),
            Count("aliasLinks"));
    }

    public async Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("whole-graph"), cancellationToken: cancellationToken);
        var nodes = result.Single<NodeRecord[]>("nodes", []).Select(n => n.ToNode()).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new GraphDocument(
            [.. nodes.OfType<Career>()],
            [.. nodes.OfType<Skill>()],
            [.. nodes.OfType<Industry>()],
            [.. result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge())],
            [.. result.Single<AliasRecord[]>("aliases", []).Select(a => a.ToAlias())]);
    }

    private static Page<T> PageOf<T>(QueryResult result, PageRequest page) where T : GraphNode =>
        new([.. result.Single<NodeRecord[]>("page", []).Select(n => n.ToNode()).Cast<T>()], result.Single("total", 0), page.Skip);
}
