using CareerGraph.Neo4j.QueryApi;

namespace CareerGraph.Tests.Neo4j;

public sealed class Neo4jImageTests
{
    [Fact]
    public void The_compose_file_pins_a_neo4j_version_the_store_accepts()
    {
        var image = Neo4jImage.FromCompose();

        // A pinned major.minor (not a floating "neo4j:5" or "latest") that the store's version check lets in.
        var tag = image["neo4j:".Length..];
        Assert.Matches(@"^\d+\.\d+", tag);
        Assert.True(Neo4jVersion.IsSupported(tag), $"{image} is older than Neo4j {Neo4jVersion.Minimum}, the first the store supports.");
    }
}
