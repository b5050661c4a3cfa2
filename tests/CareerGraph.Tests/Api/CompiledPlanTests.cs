using System.Net.Http.Json;
using CareerGraph.Api.Execution;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A query answered from a compiled plan is byte for byte the answer of GraphQL.NET's general executor: the same
/// corpus of documents goes to a service with plans and to one without (both seeded, answer cache off), and every
/// status, media type and body must be identical. The plan must answer the documents it covers itself, and hand
/// errors, introspection and the like to the general executor.
/// </summary>
public sealed class CompiledPlanTests(CompiledPlanTests.Services services) : IClassFixture<CompiledPlanTests.Services>
{
    private const string CareerFields = "{ name skills { importance skill { name } } seeAlso { weight career { name } } }";
    private const string PathFields = "{ hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } }";

    /// <summary>Documents the plan answers: the load test's, the warm-up's, and the shapes of the specification it covers.</summary>
    public static TheoryData<string, string, string?> Planned => new()
    {
        // tests/load and the warm-up
        { "load: career", $$"""{ career(id: "machine-learning-engineer") {{CareerFields}} }""", null },
        { "load: path", $$"""{ path(from: "ML Engineer", to: "Cloud Engineer") {{PathFields}} }""", null },
        { "load: search", """{ search(text: "cloud enginer", first: 10) { node { id name } matched score } }""", null },
        { "load: random career", $$"""query Career($id: ID!) { career(id: $id) {{CareerFields}} }""", """{"id":"data-scientist"}""" },
        { "load: random path", $$"""query Path($from: String!, $to: String!) { path(from: $from, to: $to) {{PathFields}} }""", """{"from":"mlops-engineer","to":"data-engineer"}""" },
        { "load: random search", """query Search($text: String!) { search(text: $text, first: 10) { node { id name } matched score } }""", """{"text":"python"}""" },
        { "warm-up: page", """query Page($first: Int) { careers(first: $first) { totalCount nodes { id name skills { skill { name } } } pageInfo { endCursor hasNextPage } } }""", """{"first":10}""" },
        { "warm-up: neighbourhood", """{ neighbourhood(id: "mlops-engineer", depth: 1) { nodes { id label kind } edges { source target kind weight } } }""", null },
        // every node field, nulls, enums, floats, lists of scalars
        { "career, every field", """{ career(name: "MLOps Engineer") { id name kind description source etag aliases duties categories socCode jobZone isSpecialisation industries { id name } specialisations { id } specialisationOf { id name } seeAlso { weight tier reason career { id } } seeAlsoFrom { weight career { id } } } }""", null },
        { "skill with its users", """{ skill(name: "python") { id name kind category hot aliases requiredBy(first: 3) { importance core career { name jobZone } } } }""", null },
        { "industry with careers", """{ industries(first: 3) { totalCount nodes { id name careers { name } } } }""", null },
        { "a missing career is null", """{ career(id: "no-such-career") { name } }""", null },
        { "nodes with an unknown id", """{ nodes(ids: ["python", "nothing-here", "mlops-engineer"]) { id __typename } }""", null },
        // aliases, fragments on the interface, inline fragments, __typename, a key merged from two places
        { "aliases", """{ a: career(id: "mlops-engineer") { title: name n: name } b: career(id: "data-engineer") { title: name } }""", null },
        { "fragments on the interface", """
            query { node(id: "python") { ...Named ... on Skill { hot requiredBy(first: 2) { career { ...Named } } } ... on Career { jobZone } } }
            fragment Named on Node { __typename id name kind }
            """, null },
        { "inline fragments on every type", """{ resolve(reference: "ml engineer") { __typename ... on Career { id skills { skill { id } } } ... on Skill { category } ... on Industry { careers { id } } } }""", null },
        { "one key from a field and a fragment, merged", """
            { career(id: "mlops-engineer") { skills { skill { name } } ...More } }
            fragment More on Career { skills { importance skill { id aliases } } name }
            """, null },
        { "search over the interface", """{ search(text: "engineer", kinds: [CAREER, SKILL], first: 5) { __typename score viaAlias matched node { __typename id ... on Career { jobZone } ... on Skill { hot } } } }""", null },
        // @skip / @include, constant and from variables
        { "@include and @skip from variables, true", """query Q($more: Boolean!, $less: Boolean!) { career(id: "mlops-engineer") { name aliases @include(if: $more) skills @skip(if: $less) { skill { name } } ... on Career @include(if: $more) { jobZone } } }""", """{"more":true,"less":true}""" },
        { "@include and @skip from variables, false", """query Q($more: Boolean!, $less: Boolean!) { career(id: "mlops-engineer") { name aliases @include(if: $more) skills @skip(if: $less) { skill { name } } ... on Career @include(if: $more) { jobZone } } }""", """{"more":false,"less":false}""" },
        { "constant @skip", """{ stats { careers skills @skip(if: true) edges } }""", null },
        // connections, nested and paged, with filters and enums in arguments
        { "nested connections", """{ careers(first: 5, orderBy: NAME_DESCENDING, filter: { hasSkill: "python" }) { totalCount edges { cursor node { name skills { skill { name requiredBy(first: 2) { career { name } } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }""", null },
        { "a page after a cursor, from a variable", """query P($after: String) { skills(first: 3, after: $after, filter: { hot: true }) { nodes { name hot } pageInfo { endCursor } } }""", """{"after":null}""" },
        // the walks and comparisons
        { "paths with every step field", """{ paths(from: "machine-learning-engineer", to: "cloud-engineer", k: 2) { hops strength careers { id } steps { via weight edge { id source target kind label weight tier reason importance core } leftBehind { id } } graph { truncated nodes { id label kind node { id } } edges { kind } } } }""", null },
        { "no path is null", """{ path(from: "mlops-engineer", to: "data-engineer", maxHops: 1, minWeight: 1) { hops } }""", null },
        { "shared skills and the gap", """{ sharedSkills(careers: ["mlops-engineer", "machine-learning-engineer"]) { id } skillGap(from: "mlops-engineer", to: "data-engineer") { from { id } to { id } keep { id } learn { id } leaveBehind { id } } }""", null },
        { "career moves", """{ careerMoves(from: "mlops-engineer", first: 3, jobZone: ANY) { score reasons career { id } sharedSkills { id } skillsToLearn { id } path { hops } } }""", null },
        { "career matches", """{ careerMatches(skills: ["python", "sql"], first: 3) { score coverage reasons career { id } matchedSkills { importance core skill { id } } missingSkills { skill { id } } } }""", null },
        { "stats with a deprecated field", """{ stats { careers skills industries aliasNames aliasLinks aliases edges } }""", null },
        { "an operation chosen by name", """query A { stats { careers } } query B { career(id: "mlops-engineer") { name } }""", "B" },
        { "variables with defaults and escapes", """query Q($text: String = "Ünïcødé <&> \"quoted\"") { search(text: $text) { matched } resolve(reference: $text) { id } }""", null },
    };

    /// <summary>Documents the plan hands to the general executor: errors (and a null where it is not allowed), introspection.</summary>
    public static TheoryData<string, string, string?> FallingBack => new()
    {
        { "not found", """{ path(from: "ML Engineer", to: "Nobody At All") { hops } }""", null },
        { "an invalid argument beside an answer", """{ stats { careers } careers(first: 100000) { totalCount } }""", null },
        { "an ambiguous reference", """{ stats { careers } career(name: "AI Specialist") { id } }""", null },
        { "both id and name", """{ career(id: "mlops-engineer", name: "MLOps Engineer") { id } }""", null },
        { "an error below a list, nulls propagated", """{ careers(first: 2) { nodes { name skills { skill { requiredBy(first: 0) { core } } } } } }""", null },
        { "introspection", """{ __schema { queryType { name } } __type(name: "Career") { fields { name } } }""", null },
    };

    /// <summary>Documents that never reach execution: answered before either executor runs.</summary>
    public static TheoryData<string, string, string?> Refused => new()
    {
        { "a validation error", """{ career(id: "mlops-engineer") { salary } }""", null },
        { "a missing variable", """query Q($id: ID!) { career(id: $id) { name } }""", "{}" },
        { "a syntax error", "{ career(id: ", null },
    };

    [Theory]
    [MemberData(nameof(Planned))]
    public async Task A_planned_query_answers_the_bytes_of_the_general_executor(string name, string query, string? variablesOrOperation)
    {
        var (answered, fellBack) = services.Counts;
        var (compiled, general) = await services.BothAsync(query, variablesOrOperation);
        Assert.Equal(general, compiled);
        Assert.Contains("\"data\":{", compiled.Body);
        Assert.DoesNotContain("\"errors\"", compiled.Body);
        Assert.Equal((answered + 1, fellBack), services.Counts); // answered by the plan, not by falling back ({name})
        _ = name;
    }

    [Theory]
    [MemberData(nameof(FallingBack))]
    public async Task A_query_the_plan_does_not_answer_runs_on_the_general_executor_with_the_same_bytes(string name, string query, string? variablesOrOperation)
    {
        var (answered, fellBack) = services.Counts;
        var (compiled, general) = await services.BothAsync(query, variablesOrOperation);
        Assert.Equal(general, compiled);
        var after = services.Counts;
        Assert.Equal(answered, after.Answered);
        // Introspection is not planned at all; an error is found by running the plan, then the general executor answers.
        Assert.Equal(query.Contains("__schema") ? fellBack : fellBack + 1, after.FellBack);
        _ = name;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_document_is_refused_alike(string name, string query, string? variablesOrOperation)
    {
        var before = services.Counts;
        var (compiled, general) = await services.BothAsync(query, variablesOrOperation);
        Assert.Equal(general, compiled);
        Assert.Contains("\"errors\"", compiled.Body);
        Assert.Equal(before, services.Counts);
        _ = name;
    }

    [Fact]
    public async Task A_plan_is_built_once_and_answers_every_request_of_its_document()
    {
        const string query = """query Career($id: ID!) { career(id: $id) { name aliases skills { skill { name } } } }""";
        var (answered, _) = services.Counts;
        foreach (var id in new[] { "mlops-engineer", "data-engineer", "no-such-career", "cloud-engineer" })
        {
            var (compiled, general) = await services.BothAsync(query, $$"""{"id":"{{id}}"}""");
            Assert.Equal(general, compiled);
        }
        Assert.Equal(answered + 4, services.Counts.Answered);
    }

    [Theory]
    [InlineData("""{ career(id: "mlops-engineer") { skills { skill { name } } ...More } } fragment More on Career { skills { importance skill { id } } name }""")]
    [InlineData("""{ career(id: "mlops-engineer") { skills { skill { name } } ...More } __type(name: "Career") { name } } fragment More on Career { skills { importance skill { id } } name }""")]
    public async Task Requests_of_one_document_without_variables_sent_at_once_share_its_values_and_answer_alike(string query)
    {
        // Such a document's argument values are read once and shared by its requests; each execution adds the fields it
        // merges to its own copy (the second document runs on the general executor, which merges at every request).
        var (expected, _) = await services.BothAsync(query, null);
        var answers = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => services.BothAsync(query, null)));
        Assert.All(answers, answer => Assert.Equal((expected, expected), answer));
    }

    [Fact]
    public async Task A_planned_answer_is_sent_with_its_length()
    {
        var (answered, _) = services.Counts;
        var (length, body) = await services.PostCompiledAsync("""{ career(id: "mlops-engineer") { name skills { importance skill { name } } } }""");
        Assert.Equal(answered + 1, services.Counts.Answered);
        Assert.StartsWith("{\"data\":{\"career\":{\"name\":\"MLOps Engineer\"", System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(body.Length, length);
    }

    [Fact]
    public async Task A_mutation_never_reaches_the_plan()
    {
        var before = services.Counts;
        var (compiled, _) = await services.BothAsync("""mutation { removeAlias(input: { name: "nobody", targetId: "nothing" }) { removed } }""", null);
        Assert.Contains("errors", compiled.Body); // refused to an anonymous caller, before any executor
        Assert.Equal(before, services.Counts);
    }

    /// <summary>The same seeds served twice, with compiled plans and without, answer cache off in both.</summary>
    public sealed class Services : IDisposable
    {
        private readonly PlanApp _compiled = new(compiledPlans: true);
        private readonly PlanApp _general = new(compiledPlans: false);

        public (long Answered, long FellBack) Counts => _compiled.Services.GetRequiredService<CompiledQueryStrategy>().Counts;

        /// <summary>Sends the document to both; the third argument is the variables (JSON) or, when not JSON, the operation name.</summary>
        public async Task<(CareerGraphApp.Answer Compiled, CareerGraphApp.Answer General)> BothAsync(string query, string? variablesOrOperation)
        {
            Assert.Null(_general.Services.GetService<CompiledQueryStrategy>());
            return (await _compiled.SendAsync(query, variablesOrOperation), await _general.SendAsync(query, variablesOrOperation));
        }

        /// <summary>POSTs the document to the service with plans; the Content-Length header it was sent with, and its bytes.</summary>
        public async Task<(long? Length, byte[] Body)> PostCompiledAsync(string query)
        {
            using var client = _compiled.CreateClient();
            using var response = await client.PostAsync("/graphql", JsonContent.Create(new { query }));
            // The header as sent (not the length HttpClient works out for a body it holds, which the typed property would give).
            var length = response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? long.Parse(values.ToString()) : (long?)null;
            return (length, await response.Content.ReadAsByteArrayAsync());
        }

        public void Dispose()
        {
            _compiled.Dispose();
            _general.Dispose();
        }
    }

    private sealed class PlanApp(bool compiledPlans) : CareerGraphApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CareerGraph:Execution:CompiledPlans", compiledPlans ? "true" : "false");
            builder.UseSetting("CareerGraph:ResponseCache:Enabled", "false");
        }
    }
}
