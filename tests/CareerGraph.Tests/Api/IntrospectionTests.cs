using System.Net;

namespace CareerGraph.Tests.Api;

/// <summary>Introspection answers what the current specification's introspection query asks (graphql-js getIntrospectionQuery with every option on).</summary>
[Collection(SeededApp.Name)]
public sealed class IntrospectionTests(CareerGraphApp app)
{
    // graphql-js 16's getIntrospectionQuery({ descriptions, specifiedByUrl, directiveIsRepeatable, schemaDescription, inputValueDeprecation: true }), abridged.
    private const string FullIntrospection = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description specifiedByURL
          fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
        """;

    [Fact]
    public async Task The_full_introspection_query_of_the_current_specification_is_answered()
    {
        var (status, body) = await app.PostAsync(FullIntrospection);
        Assert.True(body["errors"] is null, body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);

        var schema = body["data"]!["__schema"]!;
        var deprecated = schema["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "deprecated")!;
        Assert.False(deprecated["isRepeatable"]!.GetValue<bool>());
        Assert.Equal("reason", deprecated["args"]![0]!["name"]!.GetValue<string>());
        var types = schema["types"]!.AsArray();
        Assert.All(types, type => Assert.Null(type!["specifiedByURL"])); // built-in scalars only: no custom scalar to specify
        var input = types.First(t => t!["kind"]!.GetValue<string>() == "INPUT_OBJECT")!;
        Assert.NotEmpty(input["inputFields"]!.AsArray());
    }

    [Fact]
    public async Task The_introspection_types_list_the_fields_tools_ask_for()
    {
        var data = await app.QueryAsync("""
            { directive: __type(name: "__Directive") { fields { name args { name } } }
              type: __type(name: "__Type") { fields { name args { name } } } }
            """);
        string[] Fields(string type) => data[type]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToArray();
        string[] Args(string type, string field) => data[type]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == field)!["args"]!.AsArray()
            .Select(a => a!["name"]!.GetValue<string>()).ToArray();
        Assert.Contains("isRepeatable", Fields("directive"));
        Assert.Contains("specifiedByURL", Fields("type"));
        Assert.Contains("includeDeprecated", Args("directive", "args"));
        Assert.Contains("includeDeprecated", Args("type", "inputFields"));
    }
}
