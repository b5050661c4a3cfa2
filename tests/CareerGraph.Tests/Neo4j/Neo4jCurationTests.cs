using System.Text.Json.Nodes;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// A curator's change is one explicit transaction: opened with the slice of the graph it is checked against, planned by
/// ChangePlanner, written in the order the plan documents, committed; rolled back whenever it is refused or fails.
/// The fake answers load-change-slice from <see cref="ContractGraph"/> as a Neo4j holding it would.
/// </summary>
public sealed class Neo4jCurationTests : IAsyncLifetime
{
    private const string Transaction = "/db/neo4j/query/v2/tx/tx1";
    private const string Curator = "key:alice";
    private FakeQueryApi _neo4j = null!;

    private GraphDocument _stored = ContractGraph.Document;
    private Redirect[] _redirects = [];
    private long _lastSequence = 41;

    /// <summary>How the fake answers a write in the transaction; by default it succeeds.</summary>
    private Func<RecordedRequest, FakeReply> _write = _ => FakeReply.Rows([]);

    /// <summary>How the fake answers a read outside a transaction (the schema statements get an empty answer).</summary>
    private Func<RecordedRequest, FakeReply> _read = request => throw new InvalidOperationException($"No script for {request}.");

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    // Statements only: the fake server itself opens, commits and rolls back transactions.
    private FakeReply Respond(RecordedRequest request) => ContractGraphQueryApi.StartUp(request) ?? (request.Path, request.StatementName) switch
    {
        (Transaction, "load-change-slice") => Slice(request),
        (Transaction, _) => _write(request),
        _ => _read(request),
    };

    [Fact]
    public async Task An_accepted_change_reads_its_slice_writes_its_plan_and_commits_in_one_transaction()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var receipt = await services.Store().ApplyAsync(new ChangeSet(Curator,
        [
            new CreateNode(new Skill("rust", " Rust ")),
            new PutEdge(new Edge("machine-learning-engineer", "rust", EdgeKind.Requires) { Importance = 0.4, Core = false }),
            new AddAlias(new Alias("rust-lang", "rust")),
        ]));

        Assert.Equal(
            [("POST", Transaction, "load-change-slice"), ("POST", Transaction, "merge-skills"), ("POST", Transaction, "merge-requires-edges"),
             ("POST", Transaction, "merge-aliases"), ("POST", Transaction, "append-audit-entries"), ("POST", Transaction + "/commit", null)],
            TransactionRequests.Select(r => (r.Method, r.Path, r.StatementName)));
        var open = TransactionRequests[0];
        Assert.Equal(["machine-learning-engineer", "rust"], open.Parameter<string[]>("ids")!);
        Assert.Equal(["rust"], open.Parameter<string[]>("nameKeys")!);

        var skill = Assert.Single(Rows("merge-skills"))!;
        Assert.Equal(("rust", "Rust", "rust"), (skill["id"]!.GetValue<string>(), skill["name"]!.GetValue<string>(), skill["nameKey"]!.GetValue<string>()));
        Assert.Contains("\"rows\":[{\"source\":\"machine-learning-engineer\",\"target\":\"rust\",\"properties\":{\"importance\":0.4,\"core\":false}}]",
            Written("merge-requires-edges").Body);
        var alias = Assert.Single(Rows("merge-aliases"))!;
        Assert.Equal(("rust-lang", "rust-lang", "rust"), (alias["key"]!.GetValue<string>(), alias["name"]!.GetValue<string>(), alias["target"]!.GetValue<string>()));

        // Numbered on from the last sequence the slice read under the audit log's lock.
        Assert.Equal([42L, 43L, 44L], receipt.Entries.Select(e => e.Sequence));
        var audit = Rows("append-audit-entries");
        Assert.Equal([42L, 43L, 44L], audit.Select(a => a!["sequence"]!.GetValue<long>()));
        Assert.Equal(["CreateNode", "PutEdge", "AddAlias"], audit.Select(a => a!["operation"]!.GetValue<string>()));
        Assert.All(audit, a => Assert.Equal(Curator, a!["actor"]!.GetValue<string>()));
        Assert.Equal(["machine-learning-engineer", "rust"], audit[1]!["nodeIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(receipt.Entries[0].At.ToString("O"), audit[0]!["at"]!.GetValue<string>());
        Assert.Null(audit[0]!["before"]);
        Assert.Equal(receipt.Entries[0].After, audit[0]!["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_merge_deletes_then_puts_then_audits_in_the_order_the_plan_documents()
    {
        _redirects = [new Redirect("big-data-engineer", "data-engineer")];
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await services.Store().ApplyAsync(new ChangeSet(Curator, [new MergeCareers("data-engineer", "machine-learning-engineer")]));

        Assert.Equal(
            ["load-change-slice", "delete-edges", "delete-nodes", "merge-requires-edges", "merge-see-also-edges", "merge-aliases", "put-redirects", "append-audit-entries", null],
            TransactionRequests.Select(r => r.StatementName));
        Assert.Contains(Rows("delete-edges"), r => r!.ToJsonString() == """{"source":"machine-learning-engineer","type":"SEE_ALSO","target":"data-engineer"}""");
        Assert.Equal(["data-engineer"], Written("delete-nodes").Parameter<string[]>("ids")!);
        Assert.Equal(["sql"], Rows("merge-requires-edges").Select(r => r!["target"]!.GetValue<string>())); // python: the survivor's own edge stays
        Assert.Equal(["Data Engineer"], Rows("merge-aliases").Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(
            ["""{"from":"big-data-engineer","to":"machine-learning-engineer"}""", """{"from":"data-engineer","to":"machine-learning-engineer"}"""],
            Rows("put-redirects").Select(r => r!.ToJsonString()).Order(StringComparer.Ordinal));
        Assert.EndsWith("/commit", TransactionRequests[^1].Path);
    }

    [Fact]
    public async Task Deleting_a_career_deletes_its_edges_aliases_and_the_redirects_to_it_before_the_career()
    {
        _stored = ContractGraph.Document with { Aliases = [.. ContractGraph.Document.Aliases, new Alias("Cloud Architect", "cloud-engineer")] };
        _redirects = [new Redirect("devops-engineer", "cloud-engineer")];
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await services.Store().ApplyAsync(new ChangeSet(Curator, [new DeleteNode("cloud-engineer", NodeKind.Career)]));

        Assert.Equal(
            ["load-change-slice", "delete-edges", "delete-aliases", "delete-redirects", "delete-nodes", "append-audit-entries", null],
            TransactionRequests.Select(r => r.StatementName));
        Assert.Equal(ContractGraph.Document.Edges.Count(e => e.Source == "cloud-engineer" || e.Target == "cloud-engineer"), Rows("delete-edges").Count);
        Assert.Equal("""[{"key":"cloud architect","target":"cloud-engineer"}]""", Rows("delete-aliases").ToJsonString());
        Assert.Equal(["devops-engineer"], Written("delete-redirects").Parameter<string[]>("ids")!);
        Assert.Equal(["cloud-engineer"], Written("delete-nodes").Parameter<string[]>("ids")!);
    }

    [Fact]
    public async Task A_refused_change_writes_nothing_and_rolls_back()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<GraphRuleException>(() => services.Store().ApplyAsync(new ChangeSet(Curator,
        [
            new CreateNode(new Skill("rust", "Rust")),
            new PutEdge(new Edge("machine-learning-engineer", "no-such-skill", EdgeKind.Requires) { Importance = 0.4 }),
        ])));

        Assert.Equal(RuleCodes.UnknownReference, Assert.Single(error.Violations).Code);
        Assert.Equal([("POST", Transaction), ("DELETE", Transaction)], TransactionRequests.Select(r => (r.Method, r.Path)));
    }

    [Fact]
    public async Task A_change_is_checked_against_the_ancestors_in_its_slice()
    {
        // edge-llmops-engineer → llmops-engineer → mlops-engineer → machine-learning-engineer: the middle link touches
        // neither end of the new edge, so only the ancestors in the slice show that the new edge closes a cycle.
        _stored = ContractGraph.Document with
        {
            Careers = [.. ContractGraph.Document.Careers, new Career("llmops-engineer", "LLMOps Engineer"), new Career("edge-llmops-engineer", "Edge LLMOps Engineer")],
            Edges =
            [
                .. ContractGraph.Document.Edges,
                new Edge("llmops-engineer", "mlops-engineer", EdgeKind.SpecialisationOf),
                new Edge("edge-llmops-engineer", "llmops-engineer", EdgeKind.SpecialisationOf),
            ],
        };
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<GraphRuleException>(() => services.Store().ApplyAsync(new ChangeSet(Curator,
            [new PutEdge(new Edge("machine-learning-engineer", "edge-llmops-engineer", EdgeKind.SpecialisationOf))])));

        Assert.Equal(RuleCodes.SpecialisationCycle, Assert.Single(error.Violations).Code);
        Assert.Equal("DELETE", TransactionRequests[^1].Method);
    }

    [Fact]
    public async Task A_change_is_checked_against_the_redirects_in_its_slice()
    {
        _redirects = [new Redirect("big-data-engineer", "data-engineer")];
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<GraphRuleException>(() => services.Store().ApplyAsync(new ChangeSet(Curator,
            [new CreateNode(new Career("big-data-engineer", "Big Data Engineer"))])));

        var problem = Assert.Single(error.Violations);
        Assert.Equal(RuleCodes.DuplicateId, problem.Code);
        Assert.Contains("merged into 'data-engineer'", problem.Message);
        Assert.Equal("DELETE", TransactionRequests[^1].Method);
    }

    [Theory]
    [InlineData("merge-requires-edges", 503, null)]
    [InlineData("append-audit-entries", 400, "Neo.ClientError.Schema.ConstraintValidationFailed")]
    [InlineData("append-audit-entries", 400, "Neo.TransientError.Transaction.DeadlockDetected")]
    public async Task A_write_Neo4j_fails_rolls_the_change_back_and_is_never_sent_twice(string failing, int status, string? code)
    {
        _write = request => request.StatementName != failing ? FakeReply.Rows([])
            : code is null ? new FakeReply(status, "", ContentType: "text/plain")
            : FakeReply.Error(status, code, "Neo4j says no.");
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAnyAsync<Neo4jException>(() => services.Store().ApplyAsync(new ChangeSet(Curator,
            [new PutEdge(new Edge("cloud-engineer", "sql", EdgeKind.Requires) { Importance = 0.5 })])));

        Assert.Contains(failing, error.Message);
        Assert.Single(TransactionRequests, r => r.StatementName == failing);
        Assert.DoesNotContain(TransactionRequests, r => r.Path.EndsWith("/commit"));
        Assert.Equal(("DELETE", Transaction), (TransactionRequests[^1].Method, TransactionRequests[^1].Path));
    }

    [Fact]
    public async Task The_audit_trail_is_one_statement_whose_rows_become_entries()
    {
        _read = request => request.StatementName == "audit-trail"
            ? FakeReply.Rows(["entry"],
                [JsonNode.Parse("""
                    {"sequence": 7, "at": "2026-11-28T01:02:03.4560000+00:00", "actor": "key:alice", "operation": "UpdateNode",
                     "nodeIds": ["python"], "summary": "Updated the skill 'python' (Python 3).",
                     "before": "{\"id\":\"python\",\"name\":\"Python\"}", "after": "{\"id\":\"python\",\"name\":\"Python 3\"}"}
                    """)],
                [JsonNode.Parse("""
                    {"sequence": 9, "at": "2026-11-28T01:05:00.0000000+00:00", "actor": "key:alice", "operation": "DeleteNode",
                     "nodeIds": ["python"], "summary": "Deleted the skill 'python'.", "before": "{}", "after": null}
                    """)])
            : throw new InvalidOperationException($"No script for {request}.");
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var entries = await services.Store().GetAuditAsync(new AuditQuery { NodeId = "python", Actor = "key:alice", AfterSequence = 6, First = 2 });

        var request = Assert.Single(_neo4j.Requests, r => r.StatementName is not null);
        Assert.Equal("audit-trail", request.StatementName);
        Assert.Equal((6L, "key:alice", "python", 2),
            (request.Parameter<long>("afterSequence"), request.Parameter<string>("actor"), request.Parameter<string>("nodeId"), request.Parameter<int>("first")));
        Assert.Equal([7L, 9L], entries.Select(e => e.Sequence));
        var update = entries[0];
        Assert.Equal((AuditOperation.UpdateNode, "key:alice", new DateTimeOffset(2026, 11, 28, 1, 2, 3, 456, TimeSpan.Zero)), (update.Operation, update.Actor, update.At));
        Assert.Equal(["python"], update.NodeIds);
        Assert.Contains("Python 3", update.After);
        Assert.Null(entries[1].After);
    }

    [Fact]
    public async Task Absent_audit_filters_are_sent_as_null()
    {
        _read = _ => FakeReply.Rows(["entry"]);
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        Assert.Empty(await services.Store().GetAuditAsync(new AuditQuery()));

        var request = Assert.Single(_neo4j.Requests);
        Assert.Null(request.Parameters!["actor"]);
        Assert.Null(request.Parameters!["nodeId"]);
        Assert.Equal((0L, 50), (request.Parameter<long>("afterSequence"), request.Parameter<int>("first")));
    }

    [Fact]
    public async Task Redirects_are_one_statement_for_many_ids()
    {
        _read = request => request.StatementName == "redirects-of"
            ? FakeReply.Rows(["redirect"], [JsonNode.Parse("""{"from": "data-engineer", "to": "machine-learning-engineer"}""")])
            : throw new InvalidOperationException($"No script for {request}.");
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var redirects = await services.Store().GetRedirectsAsync(["data-engineer", "python", "data-engineer"]);

        Assert.Equal(new Dictionary<string, string> { ["data-engineer"] = "machine-learning-engineer" }, redirects);
        Assert.Equal(["data-engineer", "python"], Assert.Single(_neo4j.Requests).Parameter<string[]>("ids")!);
        Assert.Empty(await services.Store().GetRedirectsAsync([]));
        Assert.Single(_neo4j.Requests); // nothing asked for, nothing sent
    }

    // The requests inside the transaction, after the one that opened it (which carries no statement, so takes no lock).
    private IReadOnlyList<RecordedRequest> TransactionRequests => [.. _neo4j.Requests.Where(r => r.Path.StartsWith(Transaction, StringComparison.Ordinal))];

    private RecordedRequest Written(string statement) => Assert.Single(TransactionRequests, r => r.StatementName == statement);

    private JsonArray Rows(string statement) => Written(statement).Parameters!["rows"]!.AsArray();

    /// <summary>
    /// What load-change-slice answers over <see cref="_stored"/>: the nodes with the ids or name keys asked for, the edges
    /// touching those ids and the SPECIALISATION_OF edges above them, their aliases, the redirects from or to them.
    /// </summary>
    private FakeReply Slice(RecordedRequest request)
    {
        var ids = request.Parameter<string[]>("ids")!.ToHashSet();
        var nameKeys = request.Parameter<string[]>("nameKeys")!.ToHashSet();
        var graph = new ContractGraphQueryApi(_stored);
        var nodes = _stored.Nodes.Where(n => ids.Contains(n.Id) || nameKeys.Contains(Names.Key(n.Name))).ToList();
        var present = nodes.Select(n => n.Id).Where(ids.Contains).ToHashSet();

        var ancestors = new HashSet<string>();
        for (var frontier = present.ToList(); frontier.Count > 0;)
            frontier = [.. _stored.Edges.Where(e => e.Kind == EdgeKind.SpecialisationOf && frontier.Contains(e.Source)).Select(e => e.Target).Where(ancestors.Add)];
        var edges = _stored.Edges.Where(e =>
            present.Contains(e.Source) || present.Contains(e.Target) || (e.Kind == EdgeKind.SpecialisationOf && ancestors.Contains(e.Source)));

        object?[] row =
        [
            _lastSequence,
            new JsonArray([.. nodes.Select(graph.NodeJson)]),
            new JsonArray([.. edges.Select(ContractGraphQueryApi.EdgeJson)]),
            new JsonArray([.. _stored.Aliases.Where(a => present.Contains(a.TargetId)).Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["target"] = a.TargetId })]),
            new JsonArray([.. _redirects.Where(r => ids.Contains(r.From) || ids.Contains(r.To)).Select(r => (JsonNode)new JsonObject { ["from"] = r.From, ["to"] = r.To })]),
        ];
        return FakeReply.Rows(["lastSequence", "nodes", "edges", "aliases", "redirects"], row);
    }
}
