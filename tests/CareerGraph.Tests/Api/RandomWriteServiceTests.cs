using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Api;

/// <summary>
/// Many random curation writes through the API of a running service (whose index compacts in the background as they
/// go), then every read compared between that service and fresh processes on the same file: one starting from the
/// snapshot file and the audit trail, one reading the tables. No difference is allowed.
/// </summary>
public sealed class RandomWriteServiceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private Dictionary<string, string> Settings(bool snapshotFile = true) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
        ["CareerGraph__Embedded__CompactAbove"] = "200",
        ["CareerGraph__Embedded__SnapshotFile"] = snapshotFile ? "true" : "false",
        ["CareerGraph__Seeds__Path"] = RepoPaths.Seeds,
        ["CareerGraph__ResponseCache__Enabled"] = "false",
        ["CareerGraph__Auth__ApiKeys__0__Name"] = "random-writes",
        ["CareerGraph__Auth__ApiKeys__0__Sha256"] = CurationService.Sha256Hex(CurationService.CuratorKey),
        ["CareerGraph__Limits__RateLimit__PermitLimit"] = "0",
        ["CareerGraph__WarmUp__Runs"] = "0",
    };

    [Fact]
    public async Task After_random_writes_through_the_api_a_fresh_process_answers_every_read_the_same()
    {
        await using (var writer = await BuiltService.StartAsync(Settings()))
        {
            writer.Http.DefaultRequestHeaders.Add("X-Api-Key", CurationService.CuratorKey);
            var careers = (await QueryAsync(writer, "{ careers(first: 100) { nodes { id } } }"))["careers"]!["nodes"]!.AsArray()
                .Select(n => n!["id"]!.GetValue<string>()).ToList();
            var skills = (await QueryAsync(writer, "{ skills(first: 100) { nodes { id } } }"))["skills"]!["nodes"]!.AsArray()
                .Select(n => n!["id"]!.GetValue<string>()).ToList();
            var random = new Random(29);
            var applied = 0;
            for (var i = 0; i < 150; i++)
                applied += await WriteAsync(writer, RandomMutation(random, i, careers, skills)) ? 1 : 0;
            Assert.True(applied > 75, $"only {applied} of the random writes were applied");

            var expected = await ReadEverythingAsync(writer, careers);
            await using (var fromSnapshot = await BuiltService.StartAsync(Settings()))
                AssertSame(expected, await ReadEverythingAsync(fromSnapshot, careers));
            await using var fromTables = await BuiltService.StartAsync(Settings(snapshotFile: false));
            AssertSame(expected, await ReadEverythingAsync(fromTables, careers));
        }
    }

    private static string RandomMutation(Random random, int step, List<string> careers, List<string> skills)
    {
        string Any(List<string> ids) => ids[random.Next(ids.Count)];
        string[] words = ["Data", "Cloud", "Platform", "Robot", "Quantum", "Ledger", "Vision", "Signal"];
        string Word() => words[random.Next(words.Length)];
        switch (random.Next(9))
        {
            case 0:
                var id = $"random-career-{step}";
                careers.Add(id);
                return $$"""mutation { createCareer(input: { id: "{{id}}", name: "{{Word()}} {{Word()}} {{step}}" }) { career { id } userErrors { code } } }""";
            case 1:
                return $$"""mutation { updateCareer(input: { id: "{{Any(careers)}}", name: "{{Word()}} Specialist {{step}}", description: "{{Word()}}" }) { career { id } userErrors { code } } }""";
            case 2:
                return $$"""mutation { deleteCareer(id: "{{Any(careers)}}") { deletedId userErrors { code } } }""";
            case 3 or 4:
                return $$"""mutation { addEdge(input: { source: "{{Any(careers)}}", kind: REQUIRES, target: "{{Any(skills)}}", importance: {{random.Next(1, 10) / 10.0:0.0}} }) { edge { id } userErrors { code } } }""";
            case 5:
                return $$"""mutation { addEdge(input: { source: "{{Any(careers)}}", kind: SEE_ALSO, target: "{{Any(careers)}}", weight: {{random.Next(1, 10) / 10.0:0.0}} }) { edge { id } userErrors { code } } }""";
            case 6:
                return $$"""mutation { addAlias(input: { name: "{{Word()}} {{Word()}}", target: "{{Any(careers)}}" }) { alias userErrors { code } } }""";
            case 7:
                return $$"""mutation { removeAlias(input: { name: "{{Word()}} {{Word()}}", target: "{{Any(careers)}}" }) { alias userErrors { code } } }""";
            default:
                return $$"""mutation { mergeCareers(input: { from: "{{Any(careers)}}", into: "{{Any(careers)}}" }) { mergedId userErrors { code } } }""";
        }
    }

    /// <summary>True when the write was applied (no user errors); a refused one must change nothing.</summary>
    private static async Task<bool> WriteAsync(RunningService service, string mutation)
    {
        var data = await QueryAsync(service, mutation);
        var payload = data.AsObject().Single().Value!;
        return payload["userErrors"]!.AsArray().Count == 0;
    }

    /// <summary>Every read that shows the graph: pages of everything with their links, search, walks, neighbourhoods.</summary>
    private static async Task<List<string>> ReadEverythingAsync(RunningService service, List<string> careers)
    {
        var reads = new List<string>
        {
            "{ stats { careers skills industries aliasNames aliasLinks edges } }",
            "{ careers(first: 200) { totalCount nodes { id name etag isSpecialisation aliases skills { importance core skill { id } } seeAlso { weight career { id } } specialisationOf { id } } } }",
            "{ skills(first: 200) { totalCount nodes { id name aliases } } }",
            "{ careers(first: 200, filter: { isSpecialisation: true }) { nodes { id } } }",
        };
        reads.AddRange(new[] { "cloud", "data", "enginer", "quantum", "robot specialist", "ml" }
            .Select(text => $$"""{ search(text: "{{text}}", first: 20) { node { id } matched score } }"""));
        reads.AddRange(careers.Take(40).Select(id => $$"""{ resolve(reference: "{{id}}") { id } neighbourhood(id: "{{id}}", depth: 1) { nodes { id } edges { source target kind weight } } }"""));
        reads.AddRange(careers.Take(12).SelectMany(from => careers.Skip(20).Take(3).Select(to =>
            $$"""{ paths(from: "{{from}}", to: "{{to}}", k: 2, maxHops: 6) { careers { id } } }""")));
        var answers = new List<string>();
        foreach (var read in reads)
        {
            var response = await service.Http.PostAsJsonAsync("/graphql", new { query = read });
            answers.Add($"{read}\n→ {await response.Content.ReadAsStringAsync()}");
        }
        return answers;
    }

    private static void AssertSame(List<string> expected, List<string> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    private static async Task<JsonNode> QueryAsync(RunningService service, string query)
    {
        var response = await service.Http.PostAsJsonAsync("/graphql", new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["data"] is JsonObject, $"{query}\n→ {body.ToJsonString()}");
        return body["data"]!;
    }

    public void Dispose() => _folder.Dispose();
}
