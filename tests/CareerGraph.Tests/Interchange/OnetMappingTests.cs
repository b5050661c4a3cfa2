using CareerGraph.Interchange;
using CareerGraph.Interchange.Onet;
using CareerGraph.Model;

namespace CareerGraph.Tests.Interchange;

/// <summary>How the O*NET files become a career graph, on the small fixture.</summary>
public sealed class OnetMappingTests
{
    private static readonly OnetDatabase Mini = OnetDatabase.Read(OnetFixtures.Mini);
    private static readonly OnetGraph Alone = OnetMapping.ToGraph(Mini, GraphDocument.Empty);
    private static readonly OnetGraph WithCurated = OnetMapping.ToGraph(Mini, OnetFixtures.Curated, OnetFixtures.CuratedTechnologies);

    private static Career Career(OnetGraph graph, string id) => graph.Document.Careers.Single(c => c.Id == id);
    private static Edge? Edge(OnetGraph graph, string source, EdgeKind kind, string target) =>
        graph.Document.Edges.SingleOrDefault(e => e.Source == source && e.Kind == kind && e.Target == target);

    [Fact]
    public void An_occupation_becomes_a_career_with_its_soc_code_title_description_and_job_zone()
    {
        var career = Career(Alone, "onet-15-1252-00");
        Assert.Equal("Software Developers", career.Name);
        Assert.Equal("15-1252.00", career.SocCode);
        Assert.Equal(4, career.JobZone);
        Assert.Equal("Design and build computer applications and systems.", career.Description);
        Assert.Equal("onet", career.Source);
        Assert.Equal(["onet-11-1011-00", "onet-15-1252-00", "onet-15-1299-08", "onet-15-2051-00", "onet-17-2061-00"],
            Alone.Document.Careers.Select(c => c.Id).Order());
    }

    [Fact]
    public void Duties_are_the_tasks_core_ones_first_and_at_most_twelve()
    {
        var developer = Career(Alone, "onet-15-1252-00");
        Assert.Equal(OnetMapping.MaxDuties, developer.Duties.Count);
        Assert.Equal("Core task 01 of a software developer.", developer.Duties[0]);
        Assert.Equal("Core task 12 of a software developer.", developer.Duties[^1]);
        Assert.DoesNotContain("Keep up with new development tools.", developer.Duties);
        Assert.Equal(["Analyse data to find patterns.", "Present findings."], Career(Alone, "onet-15-2051-00").Duties);
    }

    [Fact]
    public void The_soc_major_group_becomes_the_careers_industry()
    {
        Assert.Equal(["Architecture and Engineering", "Computer and Mathematical", "Management"],
            Alone.Document.Industries.Select(i => i.Name).Order());
        Assert.NotNull(Edge(Alone, "onet-15-1299-08", EdgeKind.InIndustry, "onet-computer-and-mathematical"));
        Assert.Equal(Alone.Document.Careers.Count, Alone.Document.Edges.Count(e => e.Kind == EdgeKind.InIndustry));
        Assert.Equal(23, OccupationFamilies.Count);
    }

    [Fact]
    public void A_title_naming_several_occupations_is_an_alias_of_each_of_them()
    {
        var targets = Alone.Document.Aliases.Where(a => a.Name == "Cloud Engineer").Select(a => a.TargetId).Order();
        Assert.Equal(["onet-15-1252-00", "onet-15-1299-08"], targets);
    }

    [Fact]
    public void Alternate_and_reported_titles_become_aliases_once_each_and_never_the_careers_own_name()
    {
        Assert.Equal(
            ["Application Developer", "Cloud Engineer", "Cloud Engineer", "Data Scientist", "Developer", "Hardware Engineer", "Machine Learning Engineer"],
            Alone.Document.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Alone.Document.Aliases, a => a.Key == Names.Key("Software Developers"));
    }

    [Fact]
    public void Related_occupations_become_see_also_links_weighted_by_tier_and_rank()
    {
        Assert.Equal((1, 0.9), TierAndWeight("onet-15-1252-00", "onet-15-1299-08"));
        Assert.Equal((1, 0.85), TierAndWeight("onet-15-1252-00", "onet-15-2051-00"));
        Assert.Equal((2, 0.6), TierAndWeight("onet-15-1252-00", "onet-17-2061-00"));
        Assert.Equal((3, 0.4), TierAndWeight("onet-15-1252-00", "onet-11-1011-00"));
        Assert.Equal((1, 0.9), TierAndWeight("onet-15-1299-08", "onet-15-1252-00"));

        (int?, double?) TierAndWeight(string from, string to) =>
            Edge(Alone, from, EdgeKind.SeeAlso, to) is { } edge ? (edge.Tier, edge.Weight) : throw new Xunit.Sdk.XunitException($"No SEE_ALSO {from} → {to}.");
    }

    [Theory]
    [InlineData("Primary-Short", 0, 1, 0.9)]
    [InlineData("Primary-Short", 4, 1, 0.7)]
    [InlineData("Primary-Long", 0, 2, 0.6)]
    [InlineData("Primary-Long", 4, 2, 0.5)]
    [InlineData("Supplemental", 0, 3, 0.4)]
    [InlineData("Supplemental", 9, 3, 0.175)]
    [InlineData("Supplemental", 40, 3, RelatedOccupationWeights.Floor)]
    public void Weights_fall_with_rank_inside_bands_that_keep_primary_links_walkable(string tier, int rank, int expectedTier, double expectedWeight)
    {
        var (actualTier, weight) = RelatedOccupationWeights.For(tier, rank);
        Assert.Equal(expectedTier, actualTier);
        Assert.Equal(expectedWeight, weight, 10);
        Assert.InRange(weight, double.Epsilon, 1);
    }

    [Fact]
    public void Technologies_become_skills_with_their_category_and_hot_flag()
    {
        var skills = Alone.Document.Skills.ToDictionary(s => s.Id);
        Assert.Equal(["c", "c-sharp", "microsoft-excel", "notepad-plus-plus", "python"], skills.Keys.Order());
        Assert.Equal("C#", skills["c-sharp"].Name);
        Assert.True(skills["python"].Hot);
        Assert.False(skills["notepad-plus-plus"].Hot);
        Assert.Equal("Spreadsheet software", skills["microsoft-excel"].Category);
        Assert.True(skills["microsoft-excel"].Hot);
        Assert.All(skills.Values, s => Assert.Equal("onet", s.Source));
    }

    [Fact]
    public void A_hot_technology_is_a_core_requirement_of_more_importance()
    {
        var hot = Edge(Alone, "onet-15-2051-00", EdgeKind.Requires, "microsoft-excel")!;
        Assert.Equal((OnetMapping.HotImportance, true), (hot.Importance, hot.Core));
        var other = Edge(Alone, "onet-11-1011-00", EdgeKind.Requires, "microsoft-excel")!;
        Assert.Equal((OnetMapping.OtherImportance, false), (other.Importance, other.Core));
        Assert.Equal(8, Alone.Document.Edges.Count(e => e.Kind == EdgeKind.Requires));
    }

    [Fact]
    public void A_technology_the_reviewed_map_names_is_that_curated_skill_not_a_second_one()
    {
        Assert.DoesNotContain(WithCurated.Document.Skills, s => s.Source == "onet" && s.Name is "Python" or "C#");
        Assert.NotNull(Edge(WithCurated, "onet-15-1252-00", EdgeKind.Requires, "python"));
        Assert.NotNull(Edge(WithCurated, "onet-15-1252-00", EdgeKind.Requires, "c-sharp-language"));
        Assert.Equal(new Dictionary<string, string> { ["C#"] = "c-sharp-language", ["Python"] = "python" },
            WithCurated.TechnologiesOnCuratedSkills.OrderBy(p => p.Key).ToDictionary());
    }

    [Fact]
    public void A_curated_skill_becomes_hot_when_onet_flags_a_technology_on_it_and_keeps_its_other_properties()
    {
        var python = Assert.Single(WithCurated.Document.Skills, s => s.Id == "python");
        Assert.Equal(OnetFixtures.Curated.Skills.Single(s => s.Id == "python") with { Hot = true }, python);
        Assert.True(WithCurated.Document.Skills.Single(s => s.Id == "c-sharp-language").Hot);
        Assert.DoesNotContain(WithCurated.Document.Skills, s => s.Id == "c-plus-plus");
    }

    [Fact]
    public void A_curated_alias_does_not_map_a_technology_the_map_leaves_out()
    {
        var c = Assert.Single(WithCurated.Document.Skills, s => s.Name == "C");
        Assert.Equal(("c", "onet"), (c.Id, c.Source));
        Assert.NotNull(Edge(WithCurated, "onet-17-2061-00", EdgeKind.Requires, "c"));
        Assert.Null(Edge(WithCurated, "onet-17-2061-00", EdgeKind.Requires, "c-plus-plus"));
    }

    [Fact]
    public void Without_a_map_every_technology_stays_a_skill_of_its_own()
    {
        var unmapped = OnetMapping.ToGraph(Mini, OnetFixtures.Curated);
        Assert.Empty(unmapped.TechnologiesOnCuratedSkills);
        Assert.Equal(Alone.Document.Skills.Select(s => s.Name).Order(), unmapped.Document.Skills.Select(s => s.Name).Order());
    }

    [Fact]
    public void A_map_entry_naming_no_curated_skill_is_reported_and_the_technology_stays_its_own()
    {
        var graph = OnetMapping.ToGraph(Mini, OnetFixtures.Curated, new TechnologyMap([new("Notepad++", "no-such-skill")]));
        Assert.Contains(graph.Skipped, s => s.File == TechnologyMap.FileName && s.Reason.Contains("'no-such-skill'"));
        Assert.Contains(graph.Document.Skills, s => s.Id == "notepad-plus-plus");
    }

    [Fact]
    public void A_curated_career_sharing_a_title_with_one_occupation_gets_a_weak_link_that_names_the_title()
    {
        var link = Edge(WithCurated, "machine-learning-engineer", EdgeKind.SeeAlso, "onet-15-1299-08")!;
        Assert.Equal((OnetMapping.UniqueTitleLinkWeight, OnetMapping.UniqueTitleLinkTier), (link.Weight, link.Tier));
        Assert.True(link.Weight < 0.5, "A shared title alone must stay below the default walk threshold.");
        Assert.Equal("Shared job title: Machine Learning Engineer", link.Reason);
        Assert.DoesNotContain(WithCurated.Document.Careers, c => c.Id == "machine-learning-engineer" || c.Name == "Machine Learning Engineer");
    }

    [Fact]
    public void A_curated_career_named_like_several_occupations_gets_weaker_links_to_each()
    {
        foreach (var occupation in new[] { "onet-15-1252-00", "onet-15-1299-08" })
        {
            var link = Edge(WithCurated, "cloud-engineer", EdgeKind.SeeAlso, occupation)!;
            Assert.Equal((OnetMapping.AmbiguousTitleLinkWeight, OnetMapping.AmbiguousTitleLinkTier, "Shared job title: Cloud Engineer"), (link.Weight, link.Tier, link.Reason));
        }
        Assert.Equal(["cloud-engineer", "machine-learning-engineer"], WithCurated.CuratedLinks.Select(l => l.CareerId).Distinct().Order());
    }

    [Fact]
    public void Only_links_from_shared_titles_carry_a_reason()
    {
        Assert.All(WithCurated.Document.Edges.Where(e => e.Reason is not null), e => Assert.DoesNotContain("onet-", e.Source[..5]));
        Assert.DoesNotContain(Alone.Document.Edges, e => e.Reason is not null);
    }

    [Fact]
    public void Nodes_from_onet_already_stored_are_not_taken_for_curated_ones()
    {
        var stored = WithCurated.Document with { Careers = [.. WithCurated.Document.Careers, .. OnetFixtures.Curated.Careers] };
        var again = OnetMapping.ToGraph(Mini, stored);
        Assert.Equal(Alone.Document.Careers.Count, again.Document.Careers.Count);
        Assert.DoesNotContain(again.Document.Edges, e => e.Kind == EdgeKind.SeeAlso && e.Source.StartsWith("onet-") && e.Reason is not null);
    }

    [Fact]
    public void A_new_skill_whose_slug_is_taken_by_another_node_gets_a_prefixed_id()
    {
        var curated = OnetFixtures.Curated with { Industries = [new Industry("notepad-plus-plus", "An industry with an unlucky id")] };
        var graph = OnetMapping.ToGraph(Mini, curated);
        Assert.Equal("Notepad++", graph.Document.Skills.Single(s => s.Id == "skill-notepad-plus-plus").Name);
        Assert.Empty(GraphRules.Check(graph.Document with { Industries = [.. graph.Document.Industries, .. curated.Industries] },
            id => OnetFixtures.Curated.Nodes.FirstOrDefault(n => n.Id == id)?.Kind));
    }

    [Fact]
    public void The_mapped_graph_keeps_the_graph_rules()
    {
        Assert.Empty(GraphRules.Check(Alone.Document));
        Assert.Empty(GraphRules.Check(WithCurated.Document, id => OnetFixtures.Curated.Nodes.FirstOrDefault(n => n.Id == id)?.Kind));
    }

    [Fact]
    public void Malformed_rows_are_reported_with_file_and_line_and_skipped()
    {
        Assert.Equal(
        [
            "Alternate Titles.txt:7", "Job Zones.txt:5", "Occupation Data.txt:7", "Occupation Data.txt:8", "Occupation Data.txt:9",
            "Related Occupations.txt:7", "Related Occupations.txt:8", "Related Occupations.txt:9",
            "Sample of Reported Titles.txt:4", "Technology Skills.txt:9",
        ], Mini.Skipped.Select(s => $"{s.File}:{s.Line}").Order(StringComparer.Ordinal));
        Assert.Contains("expected 3 tab-separated fields, found 1", Mini.Skipped.Single(s => s.File == "Occupation Data.txt" && s.Line == 7).Reason);
        Assert.Contains("'Primary-Medium' is not one of", Mini.Skipped.Single(s => s.File == "Related Occupations.txt" && s.Line == 7).Reason);
        Assert.Contains("'maybe' is not one of Y, N", Mini.Skipped.Single(s => s.File == "Technology Skills.txt").Reason);
        Assert.Null(Career(Alone, "onet-15-2051-00").JobZone);
        Assert.Equal("Occupation Data.txt:9: '99-1111.00' is in no SOC major group (its first two digits name none of the 23).",
            Mini.Skipped.Single(s => s.File == "Occupation Data.txt" && s.Line == 9).ToString());
    }

    [Fact]
    public void A_missing_file_is_an_error_that_names_it()
    {
        using var folder = new TempFolder();
        var copy = OnetFixtures.CopyOfMini(folder.Path);
        File.Delete(Path.Combine(copy, "Technology Skills.txt"));
        var error = Assert.Throws<OnetDataException>(() => OnetDatabase.Read(copy));
        Assert.Contains("'Technology Skills.txt' is missing", error.Message);
    }

    [Fact]
    public void A_file_without_the_expected_columns_is_an_error_that_names_file_and_column()
    {
        using var folder = new TempFolder();
        var copy = OnetFixtures.CopyOfMini(folder.Path);
        File.WriteAllText(Path.Combine(copy, "Job Zones.txt"), "Code\tZone\n15-1252.00\t4\n");
        var error = Assert.Throws<OnetDataException>(() => OnetDatabase.Read(copy));
        Assert.Contains("Job Zones.txt", error.Message);
        Assert.Contains("no column 'O*NET-SOC Code'", error.Message);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_an_error_that_names_it()
    {
        var error = Assert.Throws<OnetDataException>(() => OnetDatabase.Read("/no/such/onet-folder"));
        Assert.Contains("/no/such/onet-folder", error.Message);
    }

    [Fact]
    public void Mapping_the_same_data_twice_gives_the_same_graph()
    {
        var again = OnetMapping.ToGraph(OnetDatabase.Read(OnetFixtures.Mini), OnetFixtures.Curated, OnetFixtures.CuratedTechnologies);
        Assert.Equal(GraphJson.Of(WithCurated.Document), GraphJson.Of(again.Document));
    }

    [Fact]
    public void Changes_are_counted_per_kind_against_what_is_stored()
    {
        var first = GraphChanges.Compare(GraphDocument.Empty, Alone.Document).ToDictionary(c => c.Kind);
        Assert.Equal(new KindChanges("Career", 5, 5, 0, 0), first["Career"]);
        Assert.Equal(new KindChanges("SEE_ALSO", 5, 5, 0, 0), first["SEE_ALSO"]);
        Assert.Equal(new KindChanges("Alias", 7, 7, 0, 0), first["Alias"]);

        var renamed = Alone.Document with { Careers = [.. Alone.Document.Careers.Select(c => c.Id == "onet-15-1252-00" ? c with { Name = "Developers" } : c)] };
        var second = GraphChanges.Compare(Alone.Document, renamed).ToDictionary(c => c.Kind);
        Assert.Equal(new KindChanges("Career", 5, 0, 1, 4), second["Career"]);
        Assert.All(second.Values.Where(c => c.Kind != "Career"), c => Assert.Equal(c.Incoming, c.Unchanged));
    }
}
