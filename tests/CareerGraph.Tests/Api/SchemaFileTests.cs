namespace CareerGraph.Tests.Api;

/// <summary>schema.graphql is the contract front-end teams read: it must be exactly what the service serves.</summary>
[Collection(SeededApp.Name)]
public sealed class SchemaFileTests(CareerGraphApp app)
{
    [Fact]
    public async Task Schema_file_equals_the_served_schema()
    {
        using var client = app.CreateClient();
        var served = await client.GetStringAsync("/graphql/schema.graphql");
        var path = Path.Combine(RepoPaths.Root, "schema.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
            await File.WriteAllTextAsync(path, served);
        Assert.True(File.Exists(path), "schema.graphql is missing; run the tests once with UPDATE_SCHEMA=1 to write it.");
        var file = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        Assert.True(file == served, "schema.graphql differs from the served schema; run the tests with UPDATE_SCHEMA=1 and review the diff.");
    }

    [Fact]
    public async Task Every_type_field_and_argument_of_ours_has_a_description()
    {
        using var client = app.CreateClient();
        var sdl = await client.GetStringAsync("/graphql/schema.graphql");
        var document = GraphQLParser.Parser.Parse(sdl);
        var missing = new List<string>();
        foreach (var definition in document.Definitions.OfType<GraphQLParser.AST.GraphQLTypeDefinition>())
        {
            var name = definition.Name.StringValue;
            if (definition.Description is null) missing.Add(name);
            var fields = definition switch
            {
                GraphQLParser.AST.GraphQLObjectTypeDefinition o => o.Fields?.Items.Select(f => (f.Name.StringValue, f.Description is not null, f.Arguments?.Items.Select(a => (a.Name.StringValue, a.Description is not null)))),
                GraphQLParser.AST.GraphQLInterfaceTypeDefinition i => i.Fields?.Items.Select(f => (f.Name.StringValue, f.Description is not null, f.Arguments?.Items.Select(a => (a.Name.StringValue, a.Description is not null)))),
                GraphQLParser.AST.GraphQLInputObjectTypeDefinition input => input.Fields?.Items.Select(f => (f.Name.StringValue, f.Description is not null, (IEnumerable<(string, bool)>?)null)),
                _ => null,
            };
            foreach (var (field, described, arguments) in fields ?? [])
            {
                if (!described) missing.Add($"{name}.{field}");
                foreach (var (argument, argumentDescribed) in arguments ?? [])
                    if (!argumentDescribed) missing.Add($"{name}.{field}({argument})");
            }
        }
        Assert.Empty(missing);
    }
}
