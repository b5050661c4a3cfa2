using System.Text.Json;
using CareerGraph.Api.Security;
using CareerGraph.Tests.Api;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Limits;

/// <summary>
/// A request of an operation seen before has its variables, arguments and directives read by
/// <see cref="ValidatedOperation"/> without GraphQL.NET's walks: every value must be what GraphQL.NET's own validator
/// gives for the same request, and a request out of the ordinary must be left to GraphQL.NET.
/// </summary>
public sealed class ValidatedOperationTests(ValidatedOperationTests.Schema fixture) : IClassFixture<ValidatedOperationTests.Schema>
{
    /// <summary>The schema of a running service.</summary>
    public sealed class Schema : IDisposable
    {
        private readonly CareerGraphApp _app = new();

        public Schema()
        {
            Value = _app.Services.GetRequiredService<ISchema>();
            Value.Initialize();
        }

        public ISchema Value { get; }

        public void Dispose() => _app.Dispose();
    }

    /// <summary>The compiled plan's corpus, and what else variables, arguments and directives can meet.</summary>
    public static TheoryData<string, string, string?> Ordinary()
    {
        var corpus = new TheoryData<string, string, string?>();
        foreach (var row in CompiledPlanTests.Planned) corpus.Add((string)row[0], (string)row[1], (string?)row[2]);
        corpus.Add("a default left to apply", """query Q($first: Int = 3, $text: String = "data") { careers(first: $first) { nodes { id } } search(text: $text) { matched } }""", "{}");
        corpus.Add("a default overridden", """query Q($first: Int = 3) { careers(first: $first) { nodes { id } } }""", """{"first":2}""");
        corpus.Add("a null for a nullable variable", """query Q($after: String, $kinds: [NodeKind!]) { careers(first: 2, after: $after) { nodes { id } } search(text: "data", kinds: $kinds) { matched } }""", """{"after":null,"kinds":null}""");
        corpus.Add("a nullable variable not sent", """query Q($after: String) { careers(first: 2, after: $after) { nodes { id } } }""", "{}");
        corpus.Add("a list variable", """query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }""", """{"ids":["python","mlops-engineer"]}""");
        corpus.Add("one value for a list", """query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }""", """{"ids":"python"}""");
        corpus.Add("an enum list in a variable", """query Q($kinds: [NodeKind!]) { search(text: "data", kinds: $kinds) { matched } }""", """{"kinds":["CAREER","SKILL"]}""");
        corpus.Add("a variable inside an input object literal", """query Q($skill: String) { careers(first: 2, filter: { hasSkill: $skill }) { nodes { id } } }""", """{"skill":"python"}""");
        corpus.Add("directives on spreads and fragments", """
            query Q($yes: Boolean!) { career(id: "mlops-engineer") { ...F @include(if: $yes) ... @skip(if: $yes) { id } } }
            fragment F on Career { name skills @include(if: $yes) { skill { name } } }
            """, """{"yes":true}""");
        corpus.Add("a fragment spread twice", """
            query Q($id: ID!) { a: career(id: $id) { ...F } b: career(id: "data-engineer") { ...F } }
            fragment F on Career { skills { skill { requiredBy(first: 2) { career { id } } } } }
            """, """{"id":"mlops-engineer"}""");
        corpus.Add("variables of another operation", """query A($x: Int!) { careers(first: $x) { totalCount } } query B { career(id: "mlops-engineer") { name } }""", "B");
        return corpus;
    }

    /// <summary>Requests GraphQL.NET must validate: it reports the error (or the null) as it does.</summary>
    public static TheoryData<string, string, string> OutOfTheOrdinary() => new()
    {
        { "a missing non-null variable", """query Q($id: ID!) { career(id: $id) { name } }""", "{}" },
        { "a null for a variable used where null is refused", """query Q($id: ID = "python") { node(id: $id) { id } }""", """{"id":null}""" },
        { "a value the scalar refuses", """query Q($id: ID!) { career(id: $id) { name } }""", """{"id":[1,2]}""" },
        { "a value the enum refuses", """query Q($kinds: [NodeKind!]) { search(text: "data", kinds: $kinds) { matched } }""", """{"kinds":["PLANET"]}""" },
        { "an input object variable", """query Q($filter: CareerFilter) { careers(first: 2, filter: $filter) { nodes { id } } }""", """{"filter":{"hasSkill":"python"}}""" },
        { "an argument out of its range in a variable", """query Q($first: Int) { careers(first: $first) { nodes { id } } }""", """{"first":"many"}""" },
    };

    [Theory]
    [MemberData(nameof(Ordinary))]
    public async Task Values_are_those_GraphQL_NET_reads(string name, string query, string? variablesOrOperation)
    {
        var (document, operation, inputs) = Request(query, variablesOrOperation);
        var general = await GeneralAsync(document, operation, inputs);
        Assert.True(general.IsValid, $"{name}: {string.Join("; ", general.Errors.Select(e => e.Message))}");

        var validated = ValidatedOperation.Of(fixture.Value, document, operation)?.TryValidate(fixture.Value, document, inputs);

        Assert.NotNull(validated);
        Assert.True(validated.IsValid);
        Assert.Equal(Describe(general.Variables), Describe(validated.Variables));
        Assert.Equal(Describe(general.ArgumentValues), Describe(validated.ArgumentValues));
        Assert.Equal(Describe(general.DirectiveValues), Describe(validated.DirectiveValues));
    }

    [Theory]
    [MemberData(nameof(OutOfTheOrdinary))]
    public void A_request_out_of_the_ordinary_is_left_to_GraphQL_NET(string name, string query, string variables)
    {
        var (document, operation, inputs) = Request(query, variables);
        var prepared = ValidatedOperation.Of(fixture.Value, document, operation);
        Assert.NotNull(prepared);
        Assert.Null(prepared.TryValidate(fixture.Value, document, inputs));
        _ = name;
    }

    [Fact]
    public async Task A_query_without_variables_keeps_its_values_and_the_others_read_theirs_per_request()
    {
        var (document, operation, _) = Request("""{ career(id: "mlops-engineer") { skills @include(if: true) { importance } } search(text: "data", first: 2) { matched } }""", null);
        var kept = ValidatedOperation.Of(fixture.Value, document, operation)!;
        var first = kept.TryValidate(fixture.Value, document, Inputs.Empty)!;
        Assert.Same(first, kept.TryValidate(fixture.Value, document, Inputs.Empty));
        var general = await GeneralAsync(document, operation, Inputs.Empty);
        Assert.Equal(Describe(general.ArgumentValues), Describe(first.ArgumentValues));
        Assert.Equal(Describe(general.DirectiveValues), Describe(first.DirectiveValues));

        // With variables, each request's own values: the second sees its own id.
        var (withVariables, withVariablesOperation, _) = Request("""query Q($id: ID!) { career(id: $id) { name } }""", """{"id":"x"}""");
        var prepared = ValidatedOperation.Of(fixture.Value, withVariables, withVariablesOperation)!;
        Assert.NotNull(prepared.TryValidate(fixture.Value, withVariables, Request(withVariables.Source.ToString(), """{"id":"mlops-engineer"}""").Item3));
        var second = prepared.TryValidate(fixture.Value, withVariables, Request(withVariables.Source.ToString(), """{"id":"data-engineer"}""").Item3)!;
        Assert.Contains("data-engineer", Describe(second.ArgumentValues));

        // A mutation runs on the serial strategy, which adds merged fields to the values themselves: never kept.
        var (mutation, mutationOperation, _) = Request("""mutation { createSkill(input: { id: "rust", name: "Rust" }) { skill { id } } }""", null);
        var write = ValidatedOperation.Of(fixture.Value, mutation, mutationOperation)!;
        Assert.NotSame(write.TryValidate(fixture.Value, mutation, Inputs.Empty), write.TryValidate(fixture.Value, mutation, Inputs.Empty));
    }

    private static (GraphQLDocument, GraphQLOperationDefinition, Inputs) Request(string query, string? variablesOrOperation)
    {
        var document = Parser.Parse(query);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var isVariables = variablesOrOperation?.StartsWith('{') == true;
        var operation = isVariables || variablesOrOperation is null ? operations.Single() : operations.Single(o => o.Name?.StringValue == variablesOrOperation);
        var inputs = isVariables ? new GraphQLSerializer().Deserialize<Inputs>(variablesOrOperation)! : Inputs.Empty;
        return (document, operation, inputs);
    }

    private Task<IValidationResult> GeneralAsync(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs inputs) =>
        new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = fixture.Value,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = inputs,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null,
            User = null,
        });

    // Each value as JSON with its .NET type; nodes by their place in the document, so that two readings compare.
    private static string Describe(Variables? variables) =>
        string.Join("\n", (variables ?? Variables.None).Select(v => $"{v.Name} specified={v.ValueSpecified} default={v.IsDefault} {Value(v.Value)}"));

    private static string Describe(IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments) =>
        string.Join("\n", (arguments ?? new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>())
            .OrderBy(a => a.Key.Location.Start)
            .Select(a => $"{a.Key.Location.Start} {a.Key.Name.StringValue}: {Describe(a.Value)}"));

    private static string Describe(IReadOnlyDictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives) =>
        string.Join("\n", (directives ?? new Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>())
            .OrderBy(d => d.Key.Location.Start)
            .Select(d => $"{d.Key.Location.Start} {d.Key.Kind}: " + string.Join(", ", d.Value.OrderBy(i => i.Key).Select(i => $"@{i.Key}({Describe(i.Value.Arguments)})"))));

    private static string Describe(IDictionary<string, ArgumentValue>? values) =>
        string.Join(", ", (values ?? new Dictionary<string, ArgumentValue>()).OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value.Source}:{Value(v.Value.Value)}"));

    private static string Value(object? value) => $"{value?.GetType().Name ?? "null"} {JsonSerializer.Serialize(value)}";
}
