// The hand-written peer of the load test: a minimal ASP.NET Core API over the same seeds and the same store, which
// computes each answer per request and writes it with System.Text.Json, byte for byte the JSON the GraphQL endpoint
// gives for the load test's queries. The difference in throughput is what the GraphQL layer costs.
// Usage: dotnet RestPeer.dll --urls http://127.0.0.1:PORT --Seeds=<seeds folder>
//    or: dotnet RestPeer.dll --urls http://127.0.0.1:PORT --Database=<an embedded store's file> (e.g. O*NET imported)
using System.Text.Json;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var store = SqliteGraphStore.Open(app.Configuration["Database"] ?? ":memory:");
if (app.Configuration["Database"] is null)
    await store.ImportAsync(SeedFiles.Read(app.Configuration["Seeds"] ?? throw new InvalidOperationException("Pass --Seeds=<the seeds folder> or --Database=<a store's file>.")));
var paths = new CareerPaths(store, new PathLimits(MaxHops: 8, MaxPaths: 10));
const string Json = "application/graphql-response+json; charset=utf-8";

// { career(id) { name skills { importance skill { name } } seeAlso { weight career { name } } } }
app.MapGet("/careers/{id}", async (HttpContext http, string id) =>
{
    var career = (await store.GetNodesAsync([id])).OfType<Career>().Single();
    var requires = (await store.GetEdgesAsync([id], EdgeKind.Requires, Direction.Outgoing))
        .OrderByDescending(e => e.Importance ?? 0).ThenBy(e => e.Target, StringComparer.Ordinal).ToList();
    var seeAlso = (await store.GetEdgesAsync([id], EdgeKind.SeeAlso, Direction.Outgoing))
        .OrderBy(e => e.Tier ?? 1).ThenByDescending(e => e.Strength).ThenBy(e => e.Target, StringComparer.Ordinal).ToList();
    var names = await NamesAsync(requires.Select(e => e.Target).Concat(seeAlso.Select(e => e.Target)));
    await WriteAsync(http, "career", json =>
    {
        json.WriteStartObject();
        json.WriteString("name", career.Name);
        json.WriteStartArray("skills");
        foreach (var edge in requires)
        {
            json.WriteStartObject();
            json.WriteNumber("importance", edge.Importance ?? 0);
            json.WriteStartObject("skill");
            json.WriteString("name", names[edge.Target]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("seeAlso");
        foreach (var edge in seeAlso)
        {
            json.WriteStartObject();
            json.WriteNumber("weight", edge.Strength);
            json.WriteStartObject("career");
            json.WriteString("name", names[edge.Target]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });
});

// { path(from, to) { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }
app.MapGet("/path", async (HttpContext http, string from, string to) =>
{
    var path = (await paths.FindAsync(new PathRequest(from, to) { MaxHops = 4, MinWeight = PathDefaults.MinWeight, K = 1 }, http.RequestAborted)).Single().Skills;
    var names = await NamesAsync(path.Steps.SelectMany(s => s.SharedWithPrevious.Concat(s.NewSkills).Append(s.CareerId)).Concat(path.SharedSkills));
    void Names(Utf8JsonWriter json, string property, IEnumerable<string> ids)
    {
        json.WriteStartArray(property);
        foreach (var id in ids)
        {
            json.WriteStartObject();
            json.WriteString("name", names[id]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
    await WriteAsync(http, "path", json =>
    {
        json.WriteStartObject();
        json.WriteNumber("hops", path.Hops);
        json.WriteStartArray("steps");
        foreach (var step in path.Steps)
        {
            json.WriteStartObject();
            json.WriteStartObject("career");
            json.WriteString("id", step.CareerId);
            json.WriteString("name", names[step.CareerId]);
            json.WriteEndObject();
            if (step.Via is { } via) json.WriteString("via", via.Kind.Code());
            else json.WriteNull("via");
            Names(json, "sharedWithPrevious", step.SharedWithPrevious);
            Names(json, "newSkills", step.NewSkills);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Names(json, "sharedSkills", path.SharedSkills);
        json.WriteEndObject();
    });
});

// { search(text, first) { node { id name } matched score } }
app.MapGet("/search", async (HttpContext http, string text, int first) =>
{
    var hits = await store.SearchAsync(new SearchQuery(text, new HashSet<NodeKind>(), first), http.RequestAborted);
    await WriteAsync(http, "search", json =>
    {
        json.WriteStartArray();
        foreach (var hit in hits)
        {
            json.WriteStartObject();
            json.WriteStartObject("node");
            json.WriteString("id", hit.Node.Id);
            json.WriteString("name", hit.Node.Name);
            json.WriteEndObject();
            json.WriteString("matched", hit.MatchedText);
            json.WriteNumber("score", hit.Score);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });
});

app.Run();

async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids) =>
    (await store.GetNodesAsync(ids.ToHashSet())).ToDictionary(n => n.Id, n => n.Name);

// The answer in the GraphQL response's envelope, { "data": { field: ... } }, as GraphQL.NET writes it (no indentation, same escaping).
static async Task WriteAsync(HttpContext http, string field, Action<Utf8JsonWriter> value)
{
    http.Response.ContentType = Json;
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartObject("data");
    json.WritePropertyName(field);
    value(json);
    json.WriteEndObject();
    json.WriteEndObject();
    await json.FlushAsync();
}
