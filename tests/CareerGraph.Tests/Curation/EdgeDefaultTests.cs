using System.Text;
using System.Text.Json;
using CareerGraph.Interchange.Formats;
using CareerGraph.Model;

namespace CareerGraph.Tests.Curation;

/// <summary>An edge property left out takes one default, stored, whether the edge came from a JSON import or a curator.</summary>
public sealed class EdgeDefaultTests : IDisposable
{
    private readonly CurationService _service = new();

    private const string Graph = """
        { "nodes": [
            { "id": "tide-reader", "kind": "Career", "name": "Tide Reader" },
            { "id": "wave-watcher", "kind": "Career", "name": "Wave Watcher" },
            { "id": "current-charter", "kind": "Career", "name": "Current Charter" },
            { "id": "tide-tables", "kind": "Skill", "name": "Tide Tables" } ],
          "edges": [
            { "source": "tide-reader", "target": "wave-watcher", "type": "SEE_ALSO" },
            { "source": "tide-reader", "target": "tide-tables", "type": "REQUIRES" } ] }
        """;

    [Fact]
    public async Task A_see_also_and_a_requirement_without_properties_get_the_same_stored_defaults_from_an_import_and_from_add_edge()
    {
        await _service.Store.ImportAsync(JsonGraph.Read(new MemoryStream(Encoding.UTF8.GetBytes(Graph)), "defaults.json"));
        var added = await _service.WithKey().PostAsync("""mutation { addEdge(input: { source: "tide-reader", kind: SEE_ALSO, target: "current-charter" }) { userErrors { code } } }""");
        Assert.Empty(added.Data.GetProperty("addEdge").GetProperty("userErrors").EnumerateArray());

        var stored = (await _service.Store.GetEdgesAsync(["tide-reader"], EdgeKind.SeeAlso, Direction.Outgoing))
            .Concat(await _service.Store.GetEdgesAsync(["tide-reader"], EdgeKind.Requires, Direction.Outgoing)).ToList();
        Assert.All(stored.Where(e => e.Kind == EdgeKind.SeeAlso), e => Assert.Equal((EdgeDefaults.Weight, EdgeDefaults.Tier), (e.Weight, e.Tier)));
        var requirement = Assert.Single(stored, e => e.Kind == EdgeKind.Requires);
        Assert.Equal((EdgeDefaults.Importance, EdgeDefaults.Core), (requirement.Importance, requirement.Core));

        // Every field that shows a property shows the stored value.
        var read = await _service.Anonymous().PostAsync("""
            { career(id: "tide-reader") { seeAlso { career { id } weight tier } skills { importance core } }
              neighbourhood(id: "tide-reader") { edges { source target kind weight tier importance core } } }
            """);
        var career = read.Data.GetProperty("career");
        Assert.Equal(2, career.GetProperty("seeAlso").GetArrayLength());
        Assert.All(career.GetProperty("seeAlso").EnumerateArray(), s => Assert.Equal(EdgeDefaults.Weight, s.GetProperty("weight").GetDouble()));
        Assert.Equal(EdgeDefaults.Importance, career.GetProperty("skills")[0].GetProperty("importance").GetDouble());
        var drawn = read.Data.GetProperty("neighbourhood").GetProperty("edges").EnumerateArray().ToList();
        Assert.All(drawn.Where(e => e.GetProperty("kind").GetString() == "SEE_ALSO"), e =>
        {
            Assert.Equal(EdgeDefaults.Weight, e.GetProperty("weight").GetDouble());
            Assert.Equal(EdgeDefaults.Tier, e.GetProperty("tier").GetInt32());
        });
        var drawnRequirement = Assert.Single(drawn, e => e.GetProperty("kind").GetString() == "REQUIRES");
        Assert.Equal(EdgeDefaults.Importance, drawnRequirement.GetProperty("importance").GetDouble());
        Assert.False(drawnRequirement.GetProperty("core").GetBoolean());
    }

    [Fact]
    public async Task A_walk_sees_an_imported_see_also_without_a_weight_as_the_default_weight()
    {
        await _service.Store.ImportAsync(JsonGraph.Read(new MemoryStream(Encoding.UTF8.GetBytes(Graph)), "defaults.json"));

        // Stronger than the default weight only: the imported link (default 0.5) is not walked, as an added one is not.
        var strong = await _service.Anonymous().PostAsync("""{ path(from: "tide-reader", to: "wave-watcher", minWeight: 0.6) { hops } }""");
        Assert.Equal(JsonValueKind.Null, strong.Data.GetProperty("path").ValueKind);
        var normal = await _service.Anonymous().PostAsync("""{ path(from: "tide-reader", to: "wave-watcher") { hops steps { weight } } }""");
        Assert.Equal(EdgeDefaults.Weight, normal.Data.GetProperty("path").GetProperty("steps")[1].GetProperty("weight").GetDouble());
    }

    public void Dispose() => _service.Dispose();
}
