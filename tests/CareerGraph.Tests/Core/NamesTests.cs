using CareerGraph.Curation;
using CareerGraph.Model;

namespace CareerGraph.Tests.Core;

public sealed class NamesTests
{
    [Theory]
    [InlineData("mlops-engineer", true)]
    [InlineData("c-plus-plus", true)]
    [InlineData("onet-15-1299-08", true)]
    [InlineData("MLOps", false)]
    [InlineData("-leading", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("space here", false)]
    [InlineData("", false)]
    public void Ids_are_lower_case_hyphenated_slugs(string id, bool valid) => Assert.Equal(valid, Names.IsValidId(id));

    [Fact]
    public void An_id_longer_than_the_limit_is_invalid() => Assert.False(Names.IsValidId(new string('a', Names.MaxIdLength + 1)));

    [Theory]
    [InlineData("Machine Learning Engineer", "machine-learning-engineer")]
    [InlineData("C++ Developer", "c-developer")]
    [InlineData("Natural Language Processing (NLP) Engineer", "natural-language-processing-nlp-engineer")]
    [InlineData("Café Owner", "cafe-owner")]
    [InlineData("!!!", "node")]
    public void Slugs_are_readable_and_always_valid(string name, string slug)
    {
        Assert.Equal(slug, Names.Slug(name));
        Assert.True(Names.IsValidId(Names.Slug(name)));
    }

    [Fact]
    public void Keys_ignore_case_and_spacing() =>
        Assert.Equal(Names.Key("ML Engineer"), Names.Key("  ml   ENGINEER "));

    [Fact]
    public void A_created_node_without_an_id_takes_one_made_from_its_name_and_keeps_a_given_one()
    {
        var patch = new NodePatch { Name = "MLOps Engineer" };
        Assert.Equal(new Career("mlops-engineer", "MLOps Engineer") { Source = "curated" }, patch.Create(NodeKind.Career));
        Assert.Equal("ml-ops", patch.Create(NodeKind.Career, "ml-ops").Id);
        Assert.IsType<Skill>(new NodePatch { Name = "Apache Kafka" }.Create(NodeKind.Skill));
        Assert.Equal("apache-kafka", new NodePatch { Name = "Apache Kafka" }.Create(NodeKind.Skill).Id);
    }
}
