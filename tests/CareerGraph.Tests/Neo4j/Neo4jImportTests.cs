using System.Text.Json.Nodes;
using CareerGraph.Model;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// An import is one explicit transaction: opened with the read that it is checked against, written in UNWIND batches,
/// committed at the end, and rolled back whenever it is refused or fails.
/// </summary>
public sealed class Neo4jImportTests : IAsyncLifetime
{
    private const string Transaction = "/db/neo4j/query/v2/tx/tx1";
    private FakeQueryApi _neo4j = null!;

    /// <summary>What import-context answers: stored ids and kinds, stored SPECIALISATION_OF pairs, and whether the key was imported.</summary>
    private (string Id, string Kind)[] _stored = [];
    private bool _imported;

    /// <summary>How the fake answers a write statement; by default every row is created.</summary>
    private Func<RecordedRequest, FakeReply> _write = request => Outcomes(("created", Rows(request)));

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    // Statements only: the fake server itself opens, commits and rolls back transactions.
    private FakeReply Respond(RecordedRequest request) => ContractGraphQueryApi.StartUp(request) ?? request.StatementName switch
    {
        "import-context" => Context(),
        _ => _write(request),
    };

    private FakeReply Context()
    {
        var known = new JsonArray([.. _stored.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["kind"] = s.Kind })]);
        return FakeReply.Rows(["known", "specialisations", "imported"], [known, new JsonArray(), _imported]);
    }

    private static int Rows(RecordedRequest request) => request.Parameters?["rows"]?.AsArray().Count ?? 0;

    private static FakeReply Outcomes(params (string Outcome, int Count)[] outcomes) =>
        FakeReply.Rows(["outcome", "count"], [.. outcomes.Where(o => o.Count > 0).Select(o => new object?[] { o.Outcome, o.Count })]);

    // The requests inside the transaction, after the one that opened it (which carries no statement, so takes no lock).
    private IReadOnlyList<RecordedRequest> TransactionRequests => [.. _neo4j.Requests.Where(r => r.Path.StartsWith(Transaction, StringComparison.Ordinal))];

    [Fact]
    public async Task An_import_is_opened_with_its_check_written_in_batches_and_committed_in_one_transaction()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri, new Dictionary<string, string?> { ["BatchSize"] = "4" });
        var document = ContractGraph.Document;

        var result = await services.Store().ImportAsync(document);

        var requests = TransactionRequests;
        var open = _neo4j.Requests.Single(r => r.Path == "/db/neo4j/query/v2/tx");
        Assert.Equal(("{}", null), (open.Body, open.Statement));
        Assert.Equal((Transaction, "import-context"), (requests[0].Path, requests[0].StatementName));
        Assert.Equal(document.Nodes.Select(n => n.Id).Order(), requests[0].Parameter<string[]>("ids")!.Intersect(document.Nodes.Select(n => n.Id)).Order());
        Assert.Equal(Transaction + "/commit", requests[^1].Path);
        var writes = requests.Skip(1).SkipLast(1).ToList();
        Assert.All(writes, w => Assert.Equal(("POST", Transaction, null), (w.Method, w.Path, w.Affinity))); // self-managed: no affinity
        Assert.Equal(
            [
                .. Batches("merge-careers", document.Careers.Count), .. Batches("merge-skills", document.Skills.Count),
                .. Batches("merge-industries", document.Industries.Count),
                .. Batches("merge-requires-edges", document.Edges.Count(e => e.Kind == EdgeKind.Requires)),
                .. Batches("merge-in-industry-edges", document.Edges.Count(e => e.Kind == EdgeKind.InIndustry)),
                .. Batches("merge-specialisation-of-edges", document.Edges.Count(e => e.Kind == EdgeKind.SpecialisationOf)),
                .. Batches("merge-see-also-edges", document.Edges.Count(e => e.Kind == EdgeKind.SeeAlso)),
                .. Batches("merge-aliases", document.Aliases.Count),
            ],
            writes.Select(w => w.StatementName));
        Assert.All(writes, w => Assert.InRange(w.Parameters!["rows"]!.AsArray().Count, 1, 4));
        Assert.Equal(new ImportResult(document.Nodes.Count() + document.Edges.Count + document.Aliases.Count, 0, 0), result);
        Assert.DoesNotContain(requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Rows_carry_whole_property_maps_with_name_keys_and_floating_point_weights()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await services.Store().ImportAsync(ContractGraph.Document);

        var careers = TransactionRequests.First(r => r.StatementName == "merge-careers").Parameters!["rows"]!.AsArray();
        var ml = careers.Single(c => c!["id"]!.GetValue<string>() == "machine-learning-engineer")!;
        Assert.Equal("machine learning engineer", ml["nameKey"]!.GetValue<string>());
        Assert.Equal(2, ml["duties"]!.AsArray().Count);
        Assert.Null(ml["socCode"]); // nulls are left out, so stored and wanted maps compare equal
        var requires = TransactionRequests.First(r => r.StatementName == "merge-requires-edges");
        Assert.Contains("\"properties\":{\"importance\":1.0,\"core\":true}", requires.Body);
        var aliases = TransactionRequests.First(r => r.StatementName == "merge-aliases").Parameters!["rows"]!.AsArray();
        Assert.Contains(aliases, a => a!["key"]!.GetValue<string>() == "ml engineer" && a["name"]!.GetValue<string>() == "ML Engineer");
    }

    [Fact]
    public async Task Created_updated_and_unchanged_are_added_up_from_what_each_statement_reports()
    {
        _write = request => request.StatementName == "merge-careers"
            ? Outcomes(("created", 1), ("updated", 2), ("unchanged", 6))
            : Outcomes(("unchanged", Rows(request)));
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        var document = ContractGraph.Document;

        var result = await services.Store().ImportAsync(document);

        Assert.Equal(new ImportResult(1, 2, 6 + document.Nodes.Count() - document.Careers.Count + document.Edges.Count + document.Aliases.Count), result);
    }

    [Fact]
    public async Task An_import_under_a_key_recorded_before_is_skipped_and_its_transaction_rolled_back()
    {
        _imported = true;
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        Assert.Null(await services.Store().ImportAsync(ContractGraph.Document, new ImportOptions { OnceKey = "seeds:abc" }));

        Assert.Equal(("import-context", "seeds:abc"), (TransactionRequests[0].StatementName, TransactionRequests[0].Parameter<string>("onceKey")));
        Assert.Equal([("POST", Transaction), ("DELETE", Transaction)], TransactionRequests.Select(r => (r.Method, r.Path)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Whether_a_key_was_imported_is_one_read_outside_any_transaction(bool imported)
    {
        _imported = imported;
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        Assert.Equal(imported, await services.Store().WasImportedAsync("seeds:abc"));

        var read = _neo4j.Requests.Single(r => r.StatementName == "import-context");
        Assert.Equal(("/db/neo4j/query/v2", "seeds:abc"), (read.Path, read.Parameter<string>("onceKey")));
        Assert.Empty(read.Parameter<string[]>("ids")!);
        Assert.Empty(TransactionRequests);
    }

    [Fact]
    public async Task A_new_once_key_is_recorded_in_the_same_transaction_before_the_commit()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await services.Store().ImportAsync(ContractGraph.Document, new ImportOptions { OnceKey = "seeds:abc" });

        var record = TransactionRequests[^2];
        Assert.Equal(("record-import", "seeds:abc", Transaction), (record.StatementName, record.Parameter<string>("onceKey"), record.Path));
        Assert.EndsWith("/commit", TransactionRequests[^1].Path);
    }

    [Fact]
    public async Task An_import_that_breaks_a_rule_writes_nothing_and_rolls_back()
    {
        _stored = [("machine-learning-engineer", "Career")];
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        var broken = GraphDocument.Empty with
        {
            Careers = [new Career("new-career", "New Career")],
            Edges = [new Edge("new-career", "no-such-skill", EdgeKind.Requires) { Importance = 0.5 }, new Edge("new-career", "machine-learning-engineer", EdgeKind.SeeAlso) { Weight = 0.5 }],
        };

        var error = await Assert.ThrowsAsync<GraphRuleException>(() => services.Store().ImportAsync(broken));

        Assert.Equal(RuleCodes.UnknownReference, Assert.Single(error.Violations).Code); // the stored career is known
        Assert.Equal([("POST", Transaction), ("DELETE", Transaction)], TransactionRequests.Select(r => (r.Method, r.Path)));
    }

    [Fact]
    public async Task A_stored_node_keeps_its_kind()
    {
        _stored = [("python", "Skill")];
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<GraphRuleException>(() =>
            services.Store().ImportAsync(GraphDocument.Empty with { Careers = [new Career("python", "Python Developer")] }));

        var violation = Assert.Single(error.Violations);
        Assert.Equal((RuleCodes.WrongKind, "python"), (violation.Code, violation.Subject));
        Assert.Contains("stored as a skill", violation.Message);
        Assert.DoesNotContain(TransactionRequests, r => r.StatementName?.StartsWith("merge-") == true);
    }

    [Fact]
    public async Task A_write_Neo4j_refuses_rolls_the_transaction_back_and_is_never_sent_twice()
    {
        _write = request => request.StatementName == "merge-skills"
            ? FakeReply.Error(400, "Neo.ClientError.Schema.ConstraintValidationFailed", "Node(12) already exists with label `Skill` and property `id` = 'python'")
            : Outcomes(("created", Rows(request)));
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => services.Store().ImportAsync(ContractGraph.Document));

        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", error.Code);
        Assert.Contains("merge-skills", error.Message);
        Assert.Single(TransactionRequests, r => r.StatementName == "merge-skills");
        Assert.Equal(("DELETE", Transaction), (TransactionRequests[^1].Method, TransactionRequests[^1].Path));
        Assert.DoesNotContain(TransactionRequests, r => r.Path.EndsWith("/commit"));
    }

    [Fact]
    public async Task A_write_is_not_retried_after_a_server_error()
    {
        _write = request => request.StatementName == "merge-careers" ? new FakeReply(503, "", ContentType: "text/plain") : Outcomes();
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await Assert.ThrowsAsync<Neo4jUnavailableException>(() => services.Store().ImportAsync(ContractGraph.Document));

        Assert.Single(TransactionRequests, r => r.StatementName == "merge-careers");
        Assert.Equal("DELETE", TransactionRequests[^1].Method);
    }

    [Fact]
    public async Task When_another_instance_records_the_same_key_first_the_import_counts_as_done()
    {
        _write = request => request.StatementName == "record-import"
            ? FakeReply.Error(400, "Neo.ClientError.Schema.ConstraintValidationFailed", "Node already exists with label `Import` and property `key`")
            : Outcomes(("created", Rows(request)));
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        var respond = _neo4j.Respond;
        _neo4j.Respond = request => request.StatementName == "import-context" && !request.Path.Contains("/tx")
            ? FakeReply.Rows(["known", "specialisations", "imported"], [new JsonArray(), new JsonArray(), true]) // the other instance's record
            : respond(request);

        var result = await services.Store().ImportAsync(ContractGraph.Document, new ImportOptions { OnceKey = "seeds:abc" });

        Assert.Null(result);
        Assert.Equal("DELETE", TransactionRequests[^1].Method);
        Assert.Equal("import-context", _neo4j.Requests[^1].StatementName);
    }

    private static IEnumerable<string> Batches(string statement, int rows) => Enumerable.Repeat(statement, (rows + 3) / 4);
}
