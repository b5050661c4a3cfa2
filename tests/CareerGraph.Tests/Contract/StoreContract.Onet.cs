using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Contract;

/// <summary>The rules for O*NET content stored beside curated content, which every store must keep.</summary>
public abstract partial class StoreContract
{
    /// <summary>
    /// O*NET-like nodes beside <see cref="ContractGraph"/>: two occupations titled "Cloud Engineer", one named like a
    /// curated career, a title-only link with its reason, and products named like a career and a well-known skill.
    /// Their ids sort before the curated ones, so only the ranking rules can put the curated nodes first.
    /// </summary>
    private static readonly GraphDocument OnetBeside = new(
        [
            new Career("a-network-architects", "Computer Network Architects") { Source = Sources.Onet },
            new Career("a-systems-administrators", "Network and Computer Systems Administrators") { Source = Sources.Onet },
            new Career("a-mlops-occupation", "MLOps Engineer") { Source = Sources.Onet },
        ],
        [
            new Skill("a-cloud-engineer-kit", "Cloud Engineer") { Source = Sources.Onet },
            new Skill("a-docker-desktop", "Docker") { Source = Sources.Onet },
            new Skill("cloudworks", "CloudWorks") { Source = Sources.Onet },
        ],
        [],
        [
            new Edge("cloud-engineer", "a-network-architects", EdgeKind.SeeAlso) { Weight = 0.3, Tier = 3, Reason = "Shared job title: Cloud Engineer" },
            new Edge("a-systems-administrators", "cloudworks", EdgeKind.Requires) { Importance = 0.5, Core = false },
        ],
        [new Alias("Cloud Engineer", "a-network-architects"), new Alias("Cloud Engineer", "a-systems-administrators")]);

    private async Task<ICareerGraphStore> CreateStoreWithOnetAsync()
    {
        var store = await CreateStoreAsync();
        await store.ImportAsync(OnetBeside);
        return store;
    }

    [SkippableFact]
    public async Task Every_meaning_of_a_reference_is_listed_curated_name_first_then_onet_aliases()
    {
        var store = await CreateStoreWithOnetAsync();
        var found = await store.ResolveEveryMeaningAsync("cloud engineer", NodeKind.Career);
        Assert.Equal(["cloud-engineer", "a-network-architects", "a-systems-administrators"], found.Select(n => n.Id));
        Assert.Equal("cloud-engineer", Assert.Single(await store.ResolveAsync("Cloud Engineer", NodeKind.Career)).Id);
    }

    [SkippableFact]
    public async Task A_curated_career_wins_over_an_onet_career_of_the_same_name_which_resolving_every_meaning_still_lists()
    {
        var store = await CreateStoreWithOnetAsync();
        Assert.Equal("mlops-engineer", Assert.Single(await store.ResolveAsync("MLOps Engineer", NodeKind.Career)).Id);
        Assert.Equal(["mlops-engineer", "a-mlops-occupation"], (await store.ResolveEveryMeaningAsync("mlops engineer")).Select(n => n.Id));
    }

    [SkippableFact]
    public async Task Every_meaning_of_an_id_puts_that_node_first()
    {
        var store = await CreateStoreWithOnetAsync();
        Assert.Equal(["cloudworks"], (await store.ResolveEveryMeaningAsync("cloudworks")).Select(n => n.Id));
        Assert.Empty(await store.ResolveEveryMeaningAsync("no such thing"));
    }

    [SkippableFact]
    public async Task A_see_also_link_keeps_its_reason_and_others_have_none()
    {
        var store = await CreateStoreWithOnetAsync();
        var outgoing = await store.GetEdgesAsync(["cloud-engineer"], EdgeKind.SeeAlso, Direction.Outgoing);
        Assert.Equal("Shared job title: Cloud Engineer", Assert.Single(outgoing).Reason);
        Assert.All(await store.GetEdgesAsync(["cloud-engineer"], EdgeKind.SeeAlso, Direction.Incoming), e => Assert.Null(e.Reason));
    }

    [SkippableFact]
    public async Task Search_puts_a_career_above_a_product_that_starts_with_the_same_word()
    {
        var store = await CreateStoreWithOnetAsync();
        var hits = (await store.SearchAsync(new SearchQuery("cloud", new HashSet<NodeKind>(), 10))).Select(h => h.Node.Id).ToList();
        Assert.Equal("cloud-engineer", hits[0]);
        Assert.True(hits.IndexOf("cloudworks") is -1 or > 0, string.Join(", ", hits));
    }

    [SkippableFact]
    public async Task On_equal_scores_search_prefers_a_career_to_a_skill_and_the_skill_more_careers_require()
    {
        var store = await CreateStoreWithOnetAsync();
        var cloud = await store.SearchAsync(new SearchQuery("Cloud Engineer", new HashSet<NodeKind>(), 2));
        Assert.Equal(["cloud-engineer", "a-cloud-engineer-kit"], cloud.Select(h => h.Node.Id));
        var docker = await store.SearchAsync(new SearchQuery("docker", new HashSet<NodeKind>(), 2));
        Assert.Equal(["docker", "a-docker-desktop"], docker.Select(h => h.Node.Id));
    }

    [SkippableFact]
    public async Task A_paths_strength_is_the_mean_weight_of_its_links_and_hops_still_rank_first()
    {
        var store = await CreateStoreAsync();
        var routes = await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { K = 3, MinWeight = 0.1 });
        Assert.Equal((1, 0.3), (routes[0].Hops, routes[0].Strength));
        Assert.Equal((2, 0.9), (routes[1].Hops, Math.Round(routes[1].Strength, 6)));
        Assert.True(routes[1].Strength > routes[0].Strength, "A longer walk can be stronger, yet ranks after the shorter one.");
    }
}
