using System.Net;
using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;

namespace CareerGraph.Tests.Curation;

/// <summary>Curation over GraphQL: payloads, user errors, merge redirects and what a request sees after a change.</summary>
public sealed class MutationTests : IDisposable
{
    private readonly CurationService _service = new();

    private const string CreateCareer = """
        mutation Create($input: CreateCareerInput!) {
          createCareer(input: $input) {
            career { id name description duties categories jobZone source }
            userErrors { code field message }
          }
        }
        """;

    [Fact]
    public async Task A_curator_creates_a_career_that_can_then_be_read_and_is_in_the_audit_trail()
    {
        var curator = _service.WithKey();
        var answer = await curator.PostAsync(CreateCareer, new { input = new { name = "Prompt Engineer", duties = new[] { "Write prompts." }, jobZone = 3 } });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var payload = answer.Data.GetProperty("createCareer");
        Assert.Empty(payload.GetProperty("userErrors").EnumerateArray());
        var career = payload.GetProperty("career");
        Assert.Equal("prompt-engineer", career.GetProperty("id").GetString());
        Assert.Equal("curated", career.GetProperty("source").GetString());
        Assert.Equal(3, career.GetProperty("jobZone").GetInt32());

        var read = await _service.Anonymous().PostAsync("""{ career(name: "prompt engineer") { id duties } }""");
        Assert.Equal("Write prompts.", read.Data.GetProperty("career").GetProperty("duties")[0].GetString());

        var audit = await curator.PostAsync("""{ auditTrail(nodeId: "prompt-engineer") { sequence actor operation nodeIds summary before after } }""");
        var entry = Assert.Single(audit.Data.GetProperty("auditTrail").EnumerateArray());
        Assert.Equal("key:test-curator", entry.GetProperty("actor").GetString());
        Assert.Equal("CREATE_NODE", entry.GetProperty("operation").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("before").ValueKind);
        Assert.Contains("Prompt Engineer", entry.GetProperty("after").GetString());
    }

    [Fact]
    public async Task A_refused_mutation_answers_typed_user_errors_and_stores_nothing()
    {
        var before = await _service.Store.GetStatsAsync();
        var answer = await _service.WithKey().PostAsync(CreateCareer, new { input = new { id = "cloud-2", name = "CLOUD engineer" } });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var payload = answer.Data.GetProperty("createCareer");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("career").ValueKind);
        var error = Assert.Single(payload.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("DUPLICATE_NAME", error.GetProperty("code").GetString());
        Assert.Equal("input.name", error.GetProperty("field").GetString());
        Assert.Contains("cloud-engineer", error.GetProperty("message").GetString());
        Assert.Equivalent(before, await _service.Store.GetStatsAsync());
        Assert.Empty(await _service.Store.GetAuditAsync(new AuditQuery()));
    }

    [Fact]
    public async Task An_update_keeps_the_fields_left_out_and_clears_the_fields_set_to_null()
    {
        var answer = await _service.WithKey().PostAsync("""
            mutation { updateCareer(input: { id: "machine-learning-engineer", description: null, categories: ["AI"] }) {
              career { name description duties categories } userErrors { code } } }
            """);
        var career = answer.Data.GetProperty("updateCareer").GetProperty("career");
        Assert.Equal("Machine Learning Engineer", career.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, career.GetProperty("description").ValueKind);
        Assert.Equal(2, career.GetProperty("duties").GetArrayLength());
        Assert.Equal("AI", career.GetProperty("categories")[0].GetString());
    }

    [Fact]
    public async Task Two_curators_updating_different_fields_of_one_career_at_once_both_keep_their_change()
    {
        const string Update = """
            mutation Update($input: UpdateCareerInput!) { updateCareer(input: $input) { userErrors { code } } }
            """;
        var (alice, bob) = (_service.WithKey(), _service.WithKey());
        for (var round = 0; round < 40; round++)
        {
            var answers = await Task.WhenAll(
                Task.Run(() => alice.PostAsync(Update, new { input = new { id = "data-engineer", description = $"Round {round}" } })),
                Task.Run(() => bob.PostAsync(Update, new { input = new { id = "data-engineer", duties = new[] { $"Duty of round {round}" } } })));
            Assert.All(answers, a => Assert.Empty(a.Data.GetProperty("updateCareer").GetProperty("userErrors").EnumerateArray()));

            var career = (await _service.Anonymous().PostAsync("""{ career(id: "data-engineer") { description duties } }""")).Data.GetProperty("career");
            Assert.Equal(($"Round {round}", $"Duty of round {round}"), (career.GetProperty("description").GetString(), career.GetProperty("duties")[0].GetString()));
        }
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused_with_conflict_and_a_fresh_one_applies()
    {
        const string Update = """
            mutation Update($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { category etag } userErrors { code field message } } }
            """;
        var curator = _service.WithKey();
        var read = await curator.PostAsync("""{ skill(id: "python") { etag } }""");
        var etag = read.Data.GetProperty("skill").GetProperty("etag").GetString();

        var first = (await curator.PostAsync(Update, new { input = new { id = "python", category = "Language", expectedEtag = etag } })).Data.GetProperty("updateSkill");
        Assert.Empty(first.GetProperty("userErrors").EnumerateArray());
        var fresh = first.GetProperty("skill").GetProperty("etag").GetString();
        Assert.NotEqual(etag, fresh);

        var stale = (await curator.PostAsync(Update, new { input = new { id = "python", category = "Snake", expectedEtag = etag } })).Data.GetProperty("updateSkill");
        Assert.Equal(JsonValueKind.Null, stale.GetProperty("skill").ValueKind);
        var error = Assert.Single(stale.GetProperty("userErrors").EnumerateArray());
        Assert.Equal(("CONFLICT", "input.expectedEtag"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal("Language", Assert.IsType<Skill>(Assert.Single(await _service.Store.GetNodesAsync(["python"]))).Category);

        var again = (await curator.PostAsync(Update, new { input = new { id = "python", category = "Programming language", expectedEtag = fresh } })).Data.GetProperty("updateSkill");
        Assert.Equal("Programming language", again.GetProperty("skill").GetProperty("category").GetString());
    }

    [Fact]
    public async Task Edges_are_added_with_their_properties_changed_and_removed()
    {
        var curator = _service.WithKey();
        var added = await curator.PostAsync("""
            mutation { addEdge(input: { source: "data-engineer", kind: REQUIRES, target: "docker", importance: 0.6, core: true }) {
              edge { id importance core weight } source { id } target { name } userErrors { code } } }
            """);
        var payload = added.Data.GetProperty("addEdge");
        Assert.Equal("data-engineer|REQUIRES|docker", payload.GetProperty("edge").GetProperty("id").GetString());
        Assert.Equal(0.6, payload.GetProperty("edge").GetProperty("importance").GetDouble());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("edge").GetProperty("weight").ValueKind);
        Assert.Equal("Docker", payload.GetProperty("target").GetProperty("name").GetString());

        var defaults = await curator.PostAsync("""mutation { addEdge(input: { source: "data-engineer", kind: SEE_ALSO, target: "cloud-engineer" }) { edge { weight tier } } }""");
        Assert.Equal(0.5, defaults.Data.GetProperty("addEdge").GetProperty("edge").GetProperty("weight").GetDouble());

        var removed = await curator.PostAsync("""mutation { removeEdge(input: { source: "data-engineer", kind: REQUIRES, target: "docker" }) { edge { importance } userErrors { code } } }""");
        Assert.Equal(0.6, removed.Data.GetProperty("removeEdge").GetProperty("edge").GetProperty("importance").GetDouble());
        Assert.DoesNotContain(await _service.Store.GetEdgesAsync(["data-engineer"], EdgeKind.Requires, CareerGraph.Model.Direction.Outgoing), e => e.Target == "docker");
    }

    [Theory]
    [InlineData("""{ source: "cloud-engineer", kind: REQUIRES, target: "sql", weight: 0.5 }""", "PROPERTY_NOT_ALLOWED", "input.weight")]
    [InlineData("""{ source: "cloud-engineer", kind: REQUIRES, target: "sql", importance: 2 }""", "OUT_OF_RANGE", "input.importance")]
    [InlineData("""{ source: "machine-learning-engineer", kind: SPECIALISATION_OF, target: "mlops-engineer" }""", "SPECIALISATION_CYCLE", "input.target")]
    [InlineData("""{ source: "cloud-engineer", kind: SEE_ALSO, target: "cloud-engineer" }""", "SELF_LINK", "input.target")]
    [InlineData("""{ source: "cloud-engineer", kind: IN_INDUSTRY, target: "nowhere" }""", "UNKNOWN_REFERENCE", "input.target")]
    public async Task A_bad_edge_is_refused_with_a_code_and_the_input_field(string input, string code, string field)
    {
        var answer = await _service.WithKey().PostAsync($$"""mutation { addEdge(input: {{input}}) { edge { id } userErrors { code field message } } }""");
        var error = Assert.Single(answer.Data.GetProperty("addEdge").GetProperty("userErrors").EnumerateArray());
        Assert.Equal((code, field), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Deleting_a_node_as_the_wrong_kind_is_refused()
    {
        var answer = await _service.WithKey().PostAsync("""mutation { deleteCareer(id: "python") { deletedId userErrors { code field } } }""");
        var error = Assert.Single(answer.Data.GetProperty("deleteCareer").GetProperty("userErrors").EnumerateArray());
        Assert.Equal(("WRONG_KIND", "id"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Single(await _service.Store.GetNodesAsync(["python"]));
    }

    [Fact]
    public async Task After_a_merge_the_old_id_leads_to_the_survivor_everywhere()
    {
        var curator = _service.WithKey();
        var merged = await curator.PostAsync("""
            mutation { mergeCareers(input: { from: "data-engineer", into: "machine-learning-engineer" }) {
              career { id aliases skills { skill { id } } } mergedId userErrors { code } } }
            """);
        var payload = merged.Data.GetProperty("mergeCareers");
        Assert.Equal("data-engineer", payload.GetProperty("mergedId").GetString());
        Assert.Contains("Data Engineer", payload.GetProperty("career").GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("sql", payload.GetProperty("career").GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetProperty("id").GetString()));

        var read = await _service.Anonymous().PostAsync("""
            { career(id: "data-engineer") { id } node(id: "data-engineer") { id } nodes(ids: ["data-engineer", "nope"]) { id }
              skillGap(from: "data-engineer", to: "cloud-engineer") { from { id } } }
            """);
        Assert.Equal("machine-learning-engineer", read.Data.GetProperty("career").GetProperty("id").GetString());
        Assert.Equal("machine-learning-engineer", read.Data.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal("machine-learning-engineer", read.Data.GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, read.Data.GetProperty("nodes")[1].ValueKind);
        Assert.Equal("machine-learning-engineer", read.Data.GetProperty("skillGap").GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_later_mutation_in_the_same_request_sees_the_earlier_one_and_answers_fresh_data()
    {
        var answer = await _service.WithKey().PostAsync("""
            mutation {
              added: addEdge(input: { source: "data-engineer", kind: REQUIRES, target: "aws" }) { source { ... on Career { skills { skill { id } } } } }
              removed: removeEdge(input: { source: "data-engineer", kind: REQUIRES, target: "aws" }) { source { ... on Career { skills { skill { id } } } } userErrors { code } }
            }
            """);
        static string[] Skills(JsonElement payload) => [.. payload.GetProperty("source").GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetProperty("id").GetString()!)];
        Assert.Contains("aws", Skills(answer.Data.GetProperty("added")));
        Assert.DoesNotContain("aws", Skills(answer.Data.GetProperty("removed")));
        Assert.Empty(answer.Data.GetProperty("removed").GetProperty("userErrors").EnumerateArray());
    }

    [Fact]
    public async Task Aliases_are_added_and_removed()
    {
        var curator = _service.WithKey();
        var added = await curator.PostAsync("""mutation { addAlias(input: { name: " Platform Engineer ", target: "devops-engineer" }) { alias node { id } userErrors { code } } }""");
        Assert.Equal("Platform Engineer", added.Data.GetProperty("addAlias").GetProperty("alias").GetString());
        Assert.Equal("devops-engineer", (await _service.Anonymous().PostAsync("""{ career(name: "platform engineer") { id } }""")).Data.GetProperty("career").GetProperty("id").GetString());

        var removed = await curator.PostAsync("""mutation { removeAlias(input: { name: "platform ENGINEER", target: "devops-engineer" }) { alias userErrors { code } } }""");
        Assert.Equal("Platform Engineer", removed.Data.GetProperty("removeAlias").GetProperty("alias").GetString());
        Assert.Equal(JsonValueKind.Null, (await _service.Anonymous().PostAsync("""{ career(name: "platform engineer") { id } }""")).Data.GetProperty("career").ValueKind);
    }

    public void Dispose() => _service.Dispose();
}
