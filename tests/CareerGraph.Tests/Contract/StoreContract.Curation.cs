using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Contract;

/// <summary>The curation half of the contract: change sets, their rules, merges and the audit trail.</summary>
public abstract partial class StoreContract
{
    private const string Curator = "key:alice";

    private static ChangeSet Change(params Change[] changes) => new(Curator, changes);

    private static async Task<GraphRuleException> RefusedAsync(ICareerGraphStore store, params Change[] changes) =>
        await Assert.ThrowsAsync<GraphRuleException>(() => store.ApplyAsync(Change(changes)));

    [SkippableFact]
    public async Task A_created_career_is_read_back_and_recorded_in_the_audit_trail()
    {
        var store = await CreateStoreAsync();
        var career = new Career("prompt-engineer", "Prompt Engineer") { Description = "Writes prompts.", Duties = ["Write prompts."], Categories = ["Computer, AI & Data"], JobZone = 3 };
        var receipt = await store.ApplyAsync(Change(new CreateNode(career)));

        var stored = Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["prompt-engineer"])));
        Assert.Equal("Prompt Engineer", stored.Name);
        Assert.Equal(["Write prompts."], stored.Duties);
        Assert.Equal(3, stored.JobZone);
        Assert.Equal("prompt-engineer", Assert.Single(await store.ResolveAsync("prompt engineer", NodeKind.Career)).Id);

        var entry = Assert.Single(receipt.Entries);
        Assert.Equal(AuditOperation.CreateNode, entry.Operation);
        Assert.Equal(Curator, entry.Actor);
        Assert.Null(entry.Before);
        Assert.Contains("\"name\":\"Prompt Engineer\"", entry.After);
        Assert.Equivalent(entry, Assert.Single(await store.GetAuditAsync(new AuditQuery { NodeId = "prompt-engineer" })), strict: true);
    }

    [SkippableFact]
    public async Task A_change_set_is_applied_all_or_nothing()
    {
        var store = await CreateStoreAsync();
        var before = await store.GetStatsAsync();
        var error = await RefusedAsync(store,
            new CreateNode(new Skill("rust", "Rust")),
            new PutEdge(new Edge("machine-learning-engineer", "rust", EdgeKind.Requires) { Importance = 0.4 }),
            new PutEdge(new Edge("machine-learning-engineer", "no-such-skill", EdgeKind.Requires) { Importance = 0.4 }));

        var problem = Assert.Single(error.Violations);
        Assert.Equal(RuleCodes.UnknownReference, problem.Code);
        Assert.Equal("target", problem.Field);
        Assert.Empty(await store.GetNodesAsync(["rust"]));
        Assert.Equivalent(before, await store.GetStatsAsync());
        Assert.Empty(await store.GetAuditAsync(new AuditQuery()));
    }

    [SkippableFact]
    public async Task Operations_in_one_change_set_see_the_earlier_ones()
    {
        var store = await CreateStoreAsync();
        var receipt = await store.ApplyAsync(Change(
            new CreateNode(new Skill("rust", "Rust")),
            new PutEdge(new Edge("machine-learning-engineer", "rust", EdgeKind.Requires) { Importance = 0.4, Core = false }),
            new AddAlias(new Alias("rust-lang", "rust"))));

        Assert.Equal([AuditOperation.CreateNode, AuditOperation.PutEdge, AuditOperation.AddAlias], receipt.Entries.Select(e => e.Operation));
        Assert.True(receipt.Entries.Select(e => e.Sequence).SequenceEqual(receipt.Entries.Select(e => e.Sequence).Order()));
        Assert.Contains(await store.GetEdgesAsync(["rust"], EdgeKind.Requires, Direction.Incoming), e => e.Source == "machine-learning-engineer" && e.Importance == 0.4);
        Assert.Equal("rust", Assert.Single(await store.ResolveAsync("Rust-Lang")).Id);
    }

    [SkippableFact]
    public async Task A_taken_id_is_refused_whatever_the_kind()
    {
        var store = await CreateStoreAsync();
        var error = await RefusedAsync(store, new CreateNode(new Skill("machine-learning-engineer", "Machine Learning")));
        Assert.Equal(RuleCodes.DuplicateId, Assert.Single(error.Violations).Code);
        Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["machine-learning-engineer"])));
    }

    [SkippableTheory]
    [InlineData("cloud engineer")]
    [InlineData("  CLOUD   Engineer ")]
    public async Task Two_careers_cannot_share_a_name_but_a_career_and_a_skill_can(string name)
    {
        var store = await CreateStoreAsync();
        var error = await RefusedAsync(store, new CreateNode(new Career("cloud-engineer-2", name)));
        var problem = Assert.Single(error.Violations);
        Assert.Equal(RuleCodes.DuplicateName, problem.Code);
        Assert.Equal("name", problem.Field);
        Assert.Contains("cloud-engineer", problem.Message);

        await store.ApplyAsync(Change(new CreateNode(new Skill("cloud-engineering", name))));
        Assert.Single(await store.GetNodesAsync(["cloud-engineering"]));
    }

    [SkippableTheory]
    [InlineData("Not A Slug", RuleCodes.InvalidId, "id")]
    [InlineData("-leading-hyphen", RuleCodes.InvalidId, "id")]
    [InlineData("", RuleCodes.InvalidId, "id")]
    public async Task Ids_must_be_slugs(string id, string code, string field)
    {
        var store = await CreateStoreAsync();
        var problem = Assert.Single((await RefusedAsync(store, new CreateNode(new Skill(id, "Some Skill")))).Violations);
        Assert.Equal((code, field), (problem.Code, problem.Field));
    }

    [SkippableFact]
    public async Task Names_must_be_present_and_texts_within_their_limits()
    {
        var store = await CreateStoreAsync();
        Assert.Contains((await RefusedAsync(store, new CreateNode(new Skill("blank", "  ")))).Violations, v => v.Code == RuleCodes.NameRequired && v.Field == "name");
        Assert.Contains((await RefusedAsync(store, new CreateNode(new Skill("long", new string('x', GraphRules.MaxNameLength + 1))))).Violations, v => v.Code == RuleCodes.TextTooLong && v.Field == "name");
        var career = new Career("big", "Big") { Description = new string('d', GraphRules.MaxDescriptionLength + 1), Duties = [.. Enumerable.Repeat("Do.", GraphRules.MaxDuties + 1)], JobZone = 6 };
        var problems = (await RefusedAsync(store, new CreateNode(career))).Violations;
        Assert.Contains(problems, v => v.Code == RuleCodes.TextTooLong && v.Field == "description");
        Assert.Contains(problems, v => v.Code == RuleCodes.TooManyItems && v.Field == "duties");
        Assert.Contains(problems, v => v.Code == RuleCodes.OutOfRange && v.Field == "jobZone");
        Assert.Empty(await store.GetNodesAsync(["blank", "long", "big"]));
    }

    [SkippableFact]
    public async Task An_update_replaces_the_properties_and_the_audit_keeps_before_and_after()
    {
        var store = await CreateStoreAsync();
        var receipt = await store.ApplyAsync(Change(new UpdateNode(new Skill("python", "Python 3") { Category = "Language", Hot = true })));

        var skill = Assert.IsType<Skill>(Assert.Single(await store.GetNodesAsync(["python"])));
        Assert.Equal(("Python 3", "Language"), (skill.Name, skill.Category));
        Assert.Equal(5, (await store.GetEdgesAsync(["python"], EdgeKind.Requires, Direction.Incoming)).Count);
        var entry = Assert.Single(receipt.Entries);
        Assert.Contains("\"name\":\"Python\"", entry.Before);
        Assert.Contains("\"name\":\"Python 3\"", entry.After);
    }

    [SkippableFact]
    public async Task A_patch_sets_only_its_fields_and_keeps_the_others_as_stored()
    {
        var store = await CreateStoreAsync();
        var before = Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["data-engineer"])));
        await store.ApplyAsync(Change(new PatchNode("data-engineer", NodeKind.Career, new NodePatch { Description = new("Builds pipelines."), JobZone = new(4) })));
        await store.ApplyAsync(Change(new PatchNode("data-engineer", NodeKind.Career, new NodePatch { SocCode = new(null), Categories = ["Data"] })));

        var after = Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["data-engineer"])));
        Assert.Equal(("Builds pipelines.", 4, (string?)null, "Data"), (after.Description, after.JobZone, after.SocCode, Assert.Single(after.Categories)));
        Assert.Equal((before.Name, before.Source), (after.Name, after.Source));
        Assert.Equal(before.Duties, after.Duties);
    }

    [SkippableFact]
    public async Task Concurrent_patches_of_different_fields_of_one_node_all_stay()
    {
        var store = await CreateStoreAsync();
        for (var round = 0; round < 10; round++)
        {
            NodePatch[] patches =
            [
                new() { Description = new($"Description {round}") },
                new() { Duties = [$"Duty {round}"] },
                new() { Categories = [$"Category {round}"] },
                new() { SocCode = new($"15-{round:0000}.00") },
                new() { JobZone = new(round % 5 + 1) },
                new() { Source = new($"source-{round}") },
                new() { Name = $"Data Engineer {round}" },
            ];
            // Every patch is acknowledged (none throws), so every field must carry its value at the end of the round.
            await Task.WhenAll(patches.Select(patch => Task.Run(() => store.ApplyAsync(Change(new PatchNode("data-engineer", NodeKind.Career, patch))))));

            var career = Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["data-engineer"])));
            Assert.Equal(
                ($"Description {round}", $"Duty {round}", $"Category {round}", $"15-{round:0000}.00", round % 5 + 1, $"source-{round}", $"Data Engineer {round}"),
                (career.Description, Assert.Single(career.Duties), Assert.Single(career.Categories), career.SocCode, career.JobZone, career.Source, career.Name));
        }
        Assert.Equal(70, (await store.GetAuditAsync(new AuditQuery { NodeId = "data-engineer", First = 100 })).Count);
    }

    [SkippableFact]
    public async Task A_patch_with_a_stale_etag_is_refused_with_conflict_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var read = Assert.IsType<Skill>(Assert.Single(await store.GetNodesAsync(["python"])));
        var etag = NodeEtag.Of(read);
        await store.ApplyAsync(Change(new PatchNode("python", NodeKind.Skill, new NodePatch { Category = new("Language") }, etag)));

        var problem = Assert.Single((await RefusedAsync(store, new PatchNode("python", NodeKind.Skill, new NodePatch { Hot = !read.Hot }, etag))).Violations);
        Assert.Equal((RuleCodes.Conflict, "expectedEtag"), (problem.Code, problem.Field));
        var now = Assert.IsType<Skill>(Assert.Single(await store.GetNodesAsync(["python"])));
        Assert.Equal(("Language", read.Hot), (now.Category, now.Hot));
        Assert.NotEqual(etag, NodeEtag.Of(now));

        await store.ApplyAsync(Change(new PatchNode("python", NodeKind.Skill, new NodePatch { Hot = !read.Hot }, NodeEtag.Of(now))));
        Assert.Equal(!read.Hot, Assert.IsType<Skill>(Assert.Single(await store.GetNodesAsync(["python"]))).Hot);
    }

    [SkippableFact]
    public async Task Of_concurrent_patches_expecting_the_same_etag_exactly_one_is_applied()
    {
        var store = await CreateStoreAsync();
        var etag = NodeEtag.Of(Assert.Single(await store.GetNodesAsync(["mlops-engineer"])));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.ApplyAsync(Change(new PatchNode("mlops-engineer", NodeKind.Career, new NodePatch { Description = new($"Version {i}") }, etag)));
                return $"Version {i}";
            }
            catch (GraphRuleException refused) when (refused.Violations.All(v => v.Code == RuleCodes.Conflict))
            {
                return null;
            }
        })));

        var winner = Assert.Single(outcomes.OfType<string>());
        Assert.Equal(winner, Assert.Single(await store.GetNodesAsync(["mlops-engineer"])).Description);
    }

    [SkippableFact]
    public async Task Updating_deleting_or_removing_what_is_not_there_is_refused_with_not_found()
    {
        var store = await CreateStoreAsync();
        Assert.Equal(RuleCodes.NotFound, Assert.Single((await RefusedAsync(store, new UpdateNode(new Skill("cobol", "COBOL")))).Violations).Code);
        Assert.Equal(RuleCodes.NotFound, Assert.Single((await RefusedAsync(store, new DeleteNode("cobol"))).Violations).Code);
        Assert.Equal(RuleCodes.NotFound, Assert.Single((await RefusedAsync(store, new RemoveEdge("data-engineer", EdgeKind.Requires, "opencv"))).Violations).Code);
        Assert.Equal(RuleCodes.NotFound, Assert.Single((await RefusedAsync(store, new RemoveAlias(new Alias("Pythonista", "python")))).Violations).Code);
        Assert.Equal(RuleCodes.WrongKind, Assert.Single((await RefusedAsync(store, new UpdateNode(new Career("python", "Python")))).Violations).Code);
    }

    [SkippableFact]
    public async Task Deleting_a_node_removes_its_edges_and_aliases_and_the_audit_keeps_them()
    {
        var store = await CreateStoreAsync();
        var receipt = await store.ApplyAsync(Change(new DeleteNode("kubernetes")));

        Assert.Empty(await store.GetNodesAsync(["kubernetes"]));
        Assert.Empty(await store.ResolveAsync("k8s"));
        Assert.DoesNotContain(await store.GetEdgesAsync(["mlops-engineer", "cloud-engineer"], EdgeKind.Requires, Direction.Outgoing), e => e.Target == "kubernetes");
        Assert.Equal(18, (await store.GetStatsAsync()).Edges[EdgeKind.Requires]);
        var before = Assert.Single(receipt.Entries).Before;
        Assert.Contains("\"k8s\"", before);
        Assert.Contains("mlops-engineer", before);
    }

    [SkippableTheory]
    [InlineData("machine-learning-engineer", "no-such-skill", EdgeKind.Requires, RuleCodes.UnknownReference, "target")]
    [InlineData("no-such-career", "python", EdgeKind.Requires, RuleCodes.UnknownReference, "source")]
    [InlineData("python", "machine-learning-engineer", EdgeKind.Requires, RuleCodes.WrongKind, "source")]
    [InlineData("machine-learning-engineer", "python", EdgeKind.InIndustry, RuleCodes.WrongKind, "target")]
    [InlineData("cloud-engineer", "cloud-engineer", EdgeKind.SeeAlso, RuleCodes.SelfLink, "target")]
    public async Task An_edge_must_join_existing_nodes_of_the_right_kinds(string source, string target, EdgeKind kind, string code, string field)
    {
        var store = await CreateStoreAsync();
        var problems = (await RefusedAsync(store, new PutEdge(new Edge(source, target, kind)))).Violations;
        Assert.Contains(problems, v => v.Code == code && v.Field == field);
    }

    [SkippableTheory]
    [InlineData(EdgeKind.Requires, 1.5, null, null)]
    [InlineData(EdgeKind.Requires, -0.1, null, null)]
    [InlineData(EdgeKind.SeeAlso, null, 0.0, 1)]
    [InlineData(EdgeKind.SeeAlso, null, 1.2, 1)]
    [InlineData(EdgeKind.SeeAlso, null, 0.5, 10)]
    [InlineData(EdgeKind.Requires, double.NaN, null, null)]
    public async Task Importance_weight_and_tier_must_be_in_range(EdgeKind kind, double? importance, double? weight, int? tier)
    {
        var store = await CreateStoreAsync();
        var target = kind == EdgeKind.Requires ? "sql" : "computer-vision-engineer";
        var edge = new Edge("cloud-engineer", target, kind) { Importance = importance, Weight = weight, Tier = tier };
        Assert.Equal(RuleCodes.OutOfRange, Assert.Single((await RefusedAsync(store, new PutEdge(edge))).Violations).Code);
    }

    [SkippableFact]
    public async Task An_edge_carries_only_the_properties_of_its_kind()
    {
        var store = await CreateStoreAsync();
        var problem = Assert.Single((await RefusedAsync(store, new PutEdge(new Edge("cloud-engineer", "sql", EdgeKind.Requires) { Importance = 0.5, Weight = 0.5 }))).Violations);
        Assert.Equal((RuleCodes.PropertyNotAllowed, "weight"), (problem.Code, problem.Field));
    }

    [SkippableFact]
    public async Task Putting_an_edge_again_replaces_its_properties()
    {
        var store = await CreateStoreAsync();
        var receipt = await store.ApplyAsync(Change(new PutEdge(new Edge("machine-learning-engineer", "data-engineer", EdgeKind.SeeAlso) { Weight = 0.9, Tier = 1 })));
        var edge = (await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SeeAlso, Direction.Outgoing)).Single(e => e.Target == "data-engineer");
        Assert.Equal(0.9, edge.Weight);
        Assert.Equal(7, (await store.GetStatsAsync()).Edges[EdgeKind.SeeAlso]);
        Assert.Contains("0.7", Assert.Single(receipt.Entries).Before);
    }

    [SkippableFact]
    public async Task A_removed_edge_is_gone_and_its_career_no_longer_a_specialisation()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(Change(new RemoveEdge("mlops-engineer", EdgeKind.SpecialisationOf, "machine-learning-engineer")));
        Assert.Empty(await store.GetEdgesAsync(["mlops-engineer"], EdgeKind.SpecialisationOf, Direction.Outgoing));
        Assert.False(Assert.IsType<Career>(Assert.Single(await store.GetNodesAsync(["mlops-engineer"]))).IsSpecialisation);
    }

    [SkippableFact]
    public async Task A_specialisation_cycle_is_refused_however_long()
    {
        var store = await CreateStoreAsync();
        var direct = Assert.Single((await RefusedAsync(store, new PutEdge(new Edge("machine-learning-engineer", "mlops-engineer", EdgeKind.SpecialisationOf)))).Violations);
        Assert.Equal(RuleCodes.SpecialisationCycle, direct.Code);

        await store.ApplyAsync(Change(
            new CreateNode(new Career("edge-ml-engineer", "Edge ML Engineer")),
            new PutEdge(new Edge("edge-ml-engineer", "computer-vision-engineer", EdgeKind.SpecialisationOf))));
        var indirect = (await RefusedAsync(store, new PutEdge(new Edge("machine-learning-engineer", "edge-ml-engineer", EdgeKind.SpecialisationOf)))).Violations;
        Assert.Equal(RuleCodes.SpecialisationCycle, Assert.Single(indirect).Code);
        Assert.Empty(await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SpecialisationOf, Direction.Outgoing));
    }

    [SkippableFact]
    public async Task An_added_alias_resolves_and_a_removed_one_no_longer_does()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(Change(new AddAlias(new Alias("Platform Engineer", "devops-engineer"))));
        Assert.Equal("devops-engineer", Assert.Single(await store.ResolveAsync("platform engineer", NodeKind.Career)).Id);

        await store.ApplyAsync(Change(new RemoveAlias(new Alias("PLATFORM engineer", "devops-engineer"))));
        Assert.Empty(await store.ResolveAsync("platform engineer"));
        Assert.Equal(RuleCodes.WrongKind, Assert.Single((await RefusedAsync(store, new AddAlias(new Alias("Banking", "finance")))).Violations).Code);
        Assert.Equal(RuleCodes.UnknownReference, Assert.Single((await RefusedAsync(store, new AddAlias(new Alias("Ghost", "no-such-node")))).Violations).Code);
    }

    [SkippableFact]
    public async Task Merging_careers_carries_edges_and_aliases_over_and_the_old_id_leads_to_the_survivor()
    {
        var store = await CreateStoreAsync();
        var receipt = await store.ApplyAsync(Change(new MergeCareers("data-engineer", "machine-learning-engineer")));

        Assert.Empty(await store.GetNodesAsync(["data-engineer"]));
        Assert.Equal("machine-learning-engineer", Assert.Single(await store.ResolveAsync("data-engineer", NodeKind.Career)).Id);
        Assert.Equal("machine-learning-engineer", Assert.Single(await store.ResolveAsync("Data Engineer")).Id);
        Assert.Equal("machine-learning-engineer", (await store.GetRedirectsAsync(["data-engineer", "python"]))["data-engineer"]);
        Assert.DoesNotContain("python", (await store.GetRedirectsAsync(["python"])).Keys);

        var requires = await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.Requires, Direction.Outgoing);
        Assert.Equal(1.0, requires.Single(e => e.Target == "python").Importance); // the survivor's own edge stays
        Assert.Equal(1.0, requires.Single(e => e.Target == "sql").Importance);    // carried over
        var seeAlso = await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SeeAlso, Direction.Both);
        Assert.Contains(seeAlso, e => e.Source == "machine-learning-engineer" && e.Target == "devops-engineer" && e.Weight == 0.5);
        Assert.DoesNotContain(seeAlso, e => e.Source == e.Target);

        var stats = await store.GetStatsAsync();
        Assert.Equal(8, stats.Nodes[NodeKind.Career]);
        Assert.Equal(19, stats.Edges[EdgeKind.Requires]);
        Assert.Equal(6, stats.Edges[EdgeKind.SeeAlso]);
        var entry = Assert.Single(receipt.Entries);
        Assert.Equal(AuditOperation.MergeCareers, entry.Operation);
        Assert.Equal(["data-engineer", "machine-learning-engineer"], entry.NodeIds);
        Assert.Contains("\"sql\"", entry.Before);
    }

    [SkippableFact]
    public async Task A_career_merged_twice_leads_to_the_last_survivor()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(Change(new MergeCareers("generative-ai-specialist", "ai-implementation-specialist")));
        await store.ApplyAsync(Change(new MergeCareers("ai-implementation-specialist", "machine-learning-engineer")));
        Assert.Equal("machine-learning-engineer", Assert.Single(await store.ResolveAsync("generative-ai-specialist")).Id);
        Assert.Equal("machine-learning-engineer", Assert.Single(await store.ResolveAsync("AI Specialist")).Id);
        Assert.Equal("machine-learning-engineer", (await store.GetRedirectsAsync(["generative-ai-specialist"]))["generative-ai-specialist"]);
    }

    [SkippableFact]
    public async Task The_id_of_a_merged_career_stays_reserved_until_its_survivor_is_deleted()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(Change(new MergeCareers("devops-engineer", "cloud-engineer")));
        Assert.Equal(RuleCodes.DuplicateId, Assert.Single((await RefusedAsync(store, new CreateNode(new Career("devops-engineer", "DevOps")))).Violations).Code);

        await store.ApplyAsync(Change(new DeleteNode("cloud-engineer")));
        Assert.Empty(await store.ResolveAsync("devops-engineer"));
        Assert.Empty(await store.GetRedirectsAsync(["devops-engineer"]));
        await store.ApplyAsync(Change(new CreateNode(new Career("devops-engineer", "DevOps Engineer"))));
        Assert.Single(await store.GetNodesAsync(["devops-engineer"]));
    }

    [SkippableFact]
    public async Task A_merge_that_would_make_a_specialisation_cycle_is_refused()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(Change(
            new CreateNode(new Career("llmops-engineer", "LLMOps Engineer")),
            new PutEdge(new Edge("llmops-engineer", "mlops-engineer", EdgeKind.SpecialisationOf))));
        var before = await store.ExportAsync();

        var problem = Assert.Single((await RefusedAsync(store, new MergeCareers("machine-learning-engineer", "llmops-engineer"))).Violations);
        Assert.Equal(RuleCodes.SpecialisationCycle, problem.Code);
        Assert.Single(await store.GetNodesAsync(["machine-learning-engineer"]));
        Assert.Equal(before.Edges.Count, (await store.ExportAsync()).Edges.Count);
    }

    [SkippableFact]
    public async Task Only_two_different_careers_can_be_merged()
    {
        var store = await CreateStoreAsync();
        Assert.Equal(RuleCodes.SelfLink, Assert.Single((await RefusedAsync(store, new MergeCareers("cloud-engineer", "cloud-engineer"))).Violations).Code);
        Assert.Equal(RuleCodes.WrongKind, Assert.Single((await RefusedAsync(store, new MergeCareers("python", "cloud-engineer"))).Violations).Code);
        var missing = Assert.Single((await RefusedAsync(store, new MergeCareers("cloud-engineer", "no-such-career"))).Violations);
        Assert.Equal((RuleCodes.NotFound, "into"), (missing.Code, missing.Field));
    }

    [SkippableFact]
    public async Task The_audit_trail_is_filtered_by_node_and_actor_and_paged_in_order()
    {
        var store = await CreateStoreAsync();
        await store.ApplyAsync(new ChangeSet("key:alice", [new AddAlias(new Alias("Py", "python"))]));
        await store.ApplyAsync(new ChangeSet("jwt:bob", [new PutEdge(new Edge("data-engineer", "docker", EdgeKind.Requires) { Importance = 0.3 })]));
        await store.ApplyAsync(new ChangeSet("key:alice", [new UpdateNode(new Industry("finance", "Finance & Banking"))]));

        var all = await store.GetAuditAsync(new AuditQuery());
        Assert.Equal(3, all.Count);
        Assert.True(all[0].Sequence < all[1].Sequence && all[1].Sequence < all[2].Sequence);
        Assert.Equal(["key:alice", "key:alice"], (await store.GetAuditAsync(new AuditQuery { Actor = "key:alice" })).Select(e => e.Actor));
        Assert.Equal(AuditOperation.PutEdge, Assert.Single(await store.GetAuditAsync(new AuditQuery { NodeId = "docker" })).Operation);
        Assert.Equal(AuditOperation.PutEdge, Assert.Single(await store.GetAuditAsync(new AuditQuery { NodeId = "data-engineer" })).Operation);
        var page = await store.GetAuditAsync(new AuditQuery { AfterSequence = all[0].Sequence, First = 1 });
        Assert.Equivalent(all[1], Assert.Single(page), strict: true);
    }
}
