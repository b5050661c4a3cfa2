using System.Text.Json;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Tests.Embedded;

/// <summary>Two stores on one graph answer every read alike: the check behind the following, compaction and snapshot file tests.</summary>
internal static class SameReads
{
    /// <summary>Every read the store answers from its snapshot, for every node, compared as JSON.</summary>
    /// <param name="searchTexts">Texts to search for besides a few that match the contract graph's names, with and without typos.</param>
    public static async Task AssertAsync(SqliteGraphStore expected, SqliteGraphStore actual, params string[] searchTexts)
    {
        var (want, got) = (expected.Snapshot, actual.Snapshot);
        Assert.Equal(Json(want.Document), Json(got.Document));
        Assert.Equal(Json(want.Stats()), Json(got.Stats()));
        Assert.Equal(Json(want.Redirects.OrderBy(r => r.Key, StringComparer.Ordinal)), Json(got.Redirects.OrderBy(r => r.Key, StringComparer.Ordinal)));
        var page = new PageRequest(0, 1000);
        Assert.Equal(Json(want.FindCareers(new CareerQuery(page))), Json(got.FindCareers(new CareerQuery(page))));
        Assert.Equal(Json(want.FindCareers(new CareerQuery(page) { IsSpecialisation = true })), Json(got.FindCareers(new CareerQuery(page) { IsSpecialisation = true })));
        Assert.Equal(Json(want.FindSkills(new SkillQuery(page))), Json(got.FindSkills(new SkillQuery(page))));
        Assert.Equal(Json(want.FindIndustries(new IndustryQuery(page))), Json(got.FindIndustries(new IndustryQuery(page))));

        var ids = want.Document.Nodes.Select(n => n.Id).Concat(got.Document.Nodes.Select(n => n.Id)).Concat(want.Redirects.Keys).Distinct().ToList();
        foreach (var id in ids)
        {
            Assert.Equal(Json(want.Node(id)), Json(got.Node(id)));
            foreach (var kind in Enum.GetValues<EdgeKind>())
                foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming })
                    Assert.Equal(Json(want.Edges(id, kind, direction)), Json(got.Edges(id, kind, direction)));
            Assert.Equal(Json(want.AliasesOf(id)), Json(got.AliasesOf(id)));
            Assert.Equal(want.RedirectOf(id), got.RedirectOf(id));
            Assert.Equal(want.RedirectsTo(id), got.RedirectsTo(id));
            Assert.Equal(Json(want.Resolve(id, null, everyMeaning: true)), Json(got.Resolve(id, null, everyMeaning: true)));
            Assert.Equal(Json(want.Neighbourhood(new NeighbourhoodQuery(id))), Json(got.Neighbourhood(new NeighbourhoodQuery(id))));
        }
        foreach (var name in want.Document.Nodes.Select(n => n.Name).Concat(want.Document.Aliases.Select(a => a.Name)).Distinct())
        {
            Assert.Equal(Json(want.Resolve(name, null, everyMeaning: true)), Json(got.Resolve(name, null, everyMeaning: true)));
            Assert.Equal(Json(want.NodesNamed(Names.Key(name))), Json(got.NodesNamed(Names.Key(name))));
        }
        foreach (var text in searchTexts.Concat(["engineer", "pyhton", "cloud engneer", "skill", "career 1", "e", "ml"]))
        {
            var query = new SearchQuery(text, new HashSet<NodeKind>(), 100);
            Assert.Equal(Json(want.Search.Find(query)), Json(got.Search.Find(query)));
        }
        var careers = want.Document.Careers.Select(c => c.Id).ToList();
        foreach (var from in careers)
        {
            foreach (var to in careers.Where(to => to != from).Take(6))
            {
                var paths = new PathQuery(from, to) { K = 3, MinWeight = 0 };
                Assert.Equal(Json(want.Paths.Find(paths)), Json(got.Paths.Find(paths)));
            }
            var moves = new CareerMovesQuery(from) { First = 20 };
            Assert.Equal(Json(await expected.FindCareerMovesAsync(moves)), Json(await actual.FindCareerMovesAsync(moves)));
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
