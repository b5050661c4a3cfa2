using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareerGraph.Tests.Curation;
using FsCheck;
using FsCheck.Fluent;

namespace CareerGraph.Tests.Limits;

/// <summary>
/// Random and mutated GraphQL documents, variables and bodies, some with a curator key so that mangled
/// mutations reach the store: the service never answers 5xx and keeps answering afterwards.
/// </summary>
public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Cases = 400;

    private readonly CurationService _service = new(new Dictionary<string, string?> { ["CareerGraph:Limits:TimeoutSeconds"] = "5" });

    /// <summary>One request as sent; its text is what FsCheck prints for a counterexample.</summary>
    public sealed record HostileRequest(string Method, string? ContentType, byte[] Body, string QueryString, string? ApiKey)
    {
        public override string ToString() =>
            $"{Method} ?{Truncate(QueryString)} [{ContentType}] key={ApiKey ?? "-"} body={Truncate(Encoding.UTF8.GetString(Body))}";

        private static string Truncate(string text) => text.Length > 400 ? text[..400] + "…" : text;
    }

    private static readonly string[] Documents =
    [
        "{ stats { careers skills edges } }",
        """{ career(id: "machine-learning-engineer") { name skills { skill { name } importance } seeAlso { career { id } weight } } }""",
        """query($t: String!, $n: Int) { search(text: $t, first: $n) { matched score node { id kind } } }""",
        """{ paths(from: "ML Engineer", to: "cloud-engineer", k: 3, maxHops: 4) { hops steps { career { id } newSkills { id } } } }""",
        """{ careers(first: 5, after: "b2Zmc2V0OjA=", filter: { hasSkill: "python" }) { totalCount edges { cursor node { id } } pageInfo { endCursor } } }""",
        """{ neighbourhood(id: "mlops-engineer", depth: 2, maxNodes: 50) { nodes { id label } edges { source target kind } truncated } }""",
        """mutation($i: CreateCareerInput!) { createCareer(input: $i) { career { id } userErrors { code field message } } }""",
        """mutation { addEdge(input: { source: "data-engineer", kind: SEE_ALSO, target: "cloud-engineer", weight: 0.4, tier: 2 }) { edge { id } userErrors { code } } }""",
        """mutation { mergeCareers(input: { from: "generative-ai-specialist", into: "ai-implementation-specialist" }) { career { id aliases } userErrors { code } } }""",
        """mutation { updateSkill(input: { id: "python", name: "Python", hot: true }) { skill { id } userErrors { code } } }""",
        """mutation { addAlias(input: { name: "Py", target: "python" }) { alias userErrors { code } } removeAlias(input: { name: "Py", target: "python" }) { alias } }""",
        """mutation { deleteIndustry(id: "maritime") { deletedId userErrors { code } } }""",
        """{ auditTrail(first: 5) { sequence actor operation before after } }""",
        "query Q { ...F } fragment F on Query { skillGap(from: \"data-engineer\", to: \"mlops-engineer\") { learn { id } } }",
        "{ __schema { types { name fields { name type { name ofType { name } } } } } }",
    ];

    private static readonly string[] Splinters =
        ["{", "}", "(", ")", "[", "]", "\"", "\\", "$", "@", "!", ":", "...", "#", ",", "\0", "\u2028", "\uFFFF", "é", "𝔾", "\n", "__typename", "mutation", "fragment F on Query { ...F }", "1e999", "-", "null"];

    private static Gen<string> MutatedDocument =>
        from document in Gen.Elements(Documents)
        from edits in Gen.ListOf(Edit, 4)
        select edits.Aggregate(document, (text, edit) => edit(text));

    private static Gen<Func<string, string>> Edit => Gen.OneOf(
        from position in Gen.Choose(0, 10_000)
        from splinter in Gen.Elements(Splinters)
        select (Func<string, string>)(text => text.Insert(position % (text.Length + 1), splinter)),
        from position in Gen.Choose(0, 10_000)
        from length in Gen.Choose(1, 40)
        select (Func<string, string>)(text => text.Length == 0 ? text : text.Remove(position % text.Length, Math.Min(length, text.Length - position % text.Length))),
        from position in Gen.Choose(0, 10_000)
        from length in Gen.Choose(1, 30)
        from times in Gen.Choose(2, 300)
        select (Func<string, string>)(text =>
        {
            var start = position % (text.Length + 1);
            var piece = text.Substring(start, Math.Min(length, text.Length - start));
            return text.Insert(start, string.Concat(Enumerable.Repeat(piece, times)));
        }),
        from depth in Gen.Choose(50, 3000)
        select (Func<string, string>)(_ => "{ " + string.Concat(Enumerable.Repeat("a { ", depth)) + "b" + new string('}', depth) + " }"),
        Gen.Constant((Func<string, string>)(text => text)));

    private static Gen<JsonNode?> JsonValue(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, Gen.ListOf(JsonValue(depth - 1), 4).Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.ListOf(Gen.Zip(Gen.Elements("i", "t", "n", "id", "name", "kind", "importance", "x"), JsonValue(depth - 1)), 4)
                .Select(pairs => (JsonNode?)new JsonObject(pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2))))));

    private static Gen<JsonNode?> Scalar => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements(true, false).Select(b => (JsonNode?)b),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)i),
        Gen.Elements(double.MaxValue, -0.0, 1e-300, 0.5, 2.0).Select(d => (JsonNode?)d),
        Gen.Elements("", "python", "Machine Learning Engineer", "data-engineer", "REQUIRES", new string('x', 5000), "\u0000\uD7FF", "' OR 1=1 --", "<script>")
            .Select(s => (JsonNode?)s));

    private static Gen<byte[]> Body => Gen.Frequency(
        (6, from query in MutatedDocument
            from variables in JsonValue(3)
            from named in Gen.Elements(true, false)
            select Bytes(new JsonObject { ["query"] = query, ["variables"] = variables, ["operationName"] = named ? "Q" : null })),
        (2, from query in JsonValue(2)
            from variables in JsonValue(2)
            select Bytes(new JsonObject { ["query"] = query, ["variables"] = variables?.DeepClone(), ["extensions"] = variables })),
        (1, from requests in Gen.ListOf(MutatedDocument.Select(q => (JsonNode?)new JsonObject { ["query"] = q }), 8)
            select Bytes(new JsonArray([.. requests]))),
        (1, from text in MutatedDocument
            from cut in Gen.Choose(0, 200)
            select Encoding.UTF8.GetBytes(new JsonObject { ["query"] = text }.ToJsonString() is var json ? json[..Math.Min(cut, json.Length)] : "")),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 300)),
        (1, Gen.Choose(10, 5000).Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))));

    private static Gen<HostileRequest> Request =>
        from post in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from body in Body
        from contentType in Gen.Frequency(
            (8, Gen.Constant<string?>("application/json")), (2, Gen.Constant<string?>("application/json; charset=utf-8")),
            (1, Gen.Elements<string?>("text/plain", null, "application/graphql", "application/json; charset=\"")))
        from query in MutatedDocument
        from key in Gen.Frequency((6, Gen.Constant<string?>(CurationService.CuratorKey)), (3, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("wrong-key", "", "\u00e9")))
        select post
            ? new HostileRequest("POST", contentType, body, "", key)
            : new HostileRequest("GET", null, [], $"query={Uri.EscapeDataString(query)}&variables={Uri.EscapeDataString(Encoding.UTF8.GetString(body))}", key);

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    [Fact]
    public async Task Random_and_mutated_requests_never_get_a_server_error_and_the_service_keeps_answering()
    {
        var client = _service.Anonymous();
        var statuses = new Dictionary<HttpStatusCode, int>();
        bool Answers(HostileRequest hostile)
        {
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), "/graphql?" + hostile.QueryString);
            if (hostile.Method == "POST")
            {
                request.Content = new ByteArrayContent(hostile.Body);
                if (hostile.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }
            if (hostile.ApiKey is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", hostile.ApiKey);
            using var response = client.SendAsync(request).GetAwaiter().GetResult(); // FsCheck properties are synchronous
            lock (statuses) statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            return (int)response.StatusCode < 500;
        }

        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), Prop.ForAll(Request.ToArbitrary(), Answers)));

        output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}")));
        Assert.True(statuses.Keys.Count > 2, "the requests were not varied enough: " + string.Join(", ", statuses));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var stats = await client.PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.OK, stats.Status);
    }

    public void Dispose() => _service.Dispose();
}
