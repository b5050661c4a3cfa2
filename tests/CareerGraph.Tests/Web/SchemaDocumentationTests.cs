using System.Text.Json;

namespace CareerGraph.Tests.Web;

/// <summary>The IDE's docs pane reads the schema's descriptions; every part of our schema must have one.</summary>
public sealed class SchemaDocumentationTests
{
    private const string Introspection = """
        { __schema { description types { name kind description
            fields(includeDeprecated: true) { name description args { name description } }
            inputFields { name description }
            enumValues(includeDeprecated: true) { name description } } } }
        """;

    private static readonly HashSet<string> BuiltInScalars = ["String", "Boolean", "Int", "Float", "ID"];

    [Fact]
    public async Task Every_type_field_argument_and_enum_value_of_the_schema_has_a_description()
    {
        using var service = new ServiceHost();
        var response = await service.CreateClient().PostAsync("/graphql",
            new StringContent(JsonSerializer.Serialize(new { query = Introspection }), System.Text.Encoding.UTF8, "application/json"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var schema = document.RootElement.GetProperty("data").GetProperty("__schema");

        var undescribed = new List<string>();
        if (IsBlank(schema, "description")) undescribed.Add("schema");
        foreach (var type in schema.GetProperty("types").EnumerateArray())
        {
            var name = type.GetProperty("name").GetString()!;
            if (name.StartsWith("__", StringComparison.Ordinal) || BuiltInScalars.Contains(name)) continue;
            if (IsBlank(type, "description")) undescribed.Add(name);
            foreach (var field in Items(type, "fields"))
            {
                var fieldName = $"{name}.{field.GetProperty("name").GetString()}";
                if (IsBlank(field, "description")) undescribed.Add(fieldName);
                undescribed.AddRange(Items(field, "args").Where(a => IsBlank(a, "description")).Select(a => $"{fieldName}({a.GetProperty("name").GetString()})"));
            }
            undescribed.AddRange(Items(type, "inputFields").Where(f => IsBlank(f, "description")).Select(f => $"{name}.{f.GetProperty("name").GetString()}"));
            undescribed.AddRange(Items(type, "enumValues").Where(v => IsBlank(v, "description")).Select(v => $"{name}.{v.GetProperty("name").GetString()}"));
        }

        Assert.True(undescribed.Count == 0, "Describe these in the GraphQL type classes: " + string.Join(", ", undescribed));
    }

    private static bool IsBlank(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetProperty(property).GetString());

    private static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Array ? element.GetProperty(property).EnumerateArray() : [];
}
