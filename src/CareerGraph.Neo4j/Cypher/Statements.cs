namespace CareerGraph.Neo4j.Cypher;

/// <summary>Every statement the Neo4j store runs, each a file in graph/queries named for the question it answers.</summary>
internal static class Statements
{
    public static readonly CypherStatement ServerVersion = CypherFiles.Query("server-version");
    public static readonly CypherStatement AwaitIndexes = CypherFiles.Query("await-indexes");
    public static readonly CypherStatement NodesById = CypherFiles.Query("nodes-by-id");
    public static readonly CypherStatement NodesByReference = CypherFiles.Query("nodes-by-reference");
    public static readonly CypherStatement SearchNames = CypherFiles.Query("search-names");
    public static readonly CypherStatement CareersPage = CypherFiles.Query("careers-page");
    public static readonly CypherStatement SkillsPage = CypherFiles.Query("skills-page");
    public static readonly CypherStatement IndustriesPage = CypherFiles.Query("industries-page");
    public static readonly CypherStatement AliasesOf = CypherFiles.Query("aliases-of");
    public static readonly CypherStatement CareerWalkEdges = CypherFiles.Query("career-walk-edges");
    public static readonly CypherStatement Neighbourhood = CypherFiles.Query("neighbourhood");
    public static readonly CypherStatement CareerMoves = CypherFiles.Query("career-moves");
    public static readonly CypherStatement CareerMatches = CypherFiles.Query("career-matches");
    public static readonly CypherStatement GraphStats = CypherFiles.Query("graph-stats");
    public static readonly CypherStatement WholeGraph = CypherFiles.Query("whole-graph");
    public static readonly CypherStatement ImportContext = CypherFiles.Query("import-context");
    public static readonly CypherStatement MergeCareers = CypherFiles.Query("merge-careers");
    public static readonly CypherStatement MergeSkills = CypherFiles.Query("merge-skills");
    public static readonly CypherStatement MergeIndustries = CypherFiles.Query("merge-industries");
    public static readonly CypherStatement MergeAliases = CypherFiles.Query("merge-aliases");
    public static readonly CypherStatement RecordImport = CypherFiles.Query("record-import");
    public static readonly CypherStatement LoadChangeSlice = CypherFiles.Query("load-change-slice");
    public static readonly CypherStatement DeleteEdges = CypherFiles.Query("delete-edges");
    public static readonly CypherStatement DeleteAliases = CypherFiles.Query("delete-aliases");
    public static readonly CypherStatement DeleteRedirects = CypherFiles.Query("delete-redirects");
    public static readonly CypherStatement DeleteNodes = CypherFiles.Query("delete-nodes");
    public static readonly CypherStatement PutRedirects = CypherFiles.Query("put-redirects");
    public static readonly CypherStatement AppendAuditEntries = CypherFiles.Query("append-audit-entries");
    public static readonly CypherStatement AuditTrail = CypherFiles.Query("audit-trail");
    public static readonly CypherStatement RedirectsOf = CypherFiles.Query("redirects-of");

    /// <summary>Adds or updates nodes of one kind.</summary>
    public static CypherStatement MergeNodes(Model.NodeKind kind) => kind switch
    {
        Model.NodeKind.Career => MergeCareers,
        Model.NodeKind.Skill => MergeSkills,
        Model.NodeKind.Industry => MergeIndustries,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The edges of one kind touching the given nodes (REQUIRES, IN_INDUSTRY, SPECIALISATION_OF, SEE_ALSO).</summary>
    public static CypherStatement EdgesOf(Model.EdgeKind kind) => CypherFiles.Query($"{FileStem(kind)}-edges");

    /// <summary>Adds or updates edges of one kind.</summary>
    public static CypherStatement MergeEdges(Model.EdgeKind kind) => CypherFiles.Query($"merge-{FileStem(kind)}-edges");

    private static string FileStem(Model.EdgeKind kind) => kind switch
    {
        Model.EdgeKind.Requires => "requires",
        Model.EdgeKind.InIndustry => "in-industry",
        Model.EdgeKind.SpecialisationOf => "specialisation-of",
        Model.EdgeKind.SeeAlso => "see-also",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
