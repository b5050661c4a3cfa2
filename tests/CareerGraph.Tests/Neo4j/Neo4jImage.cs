using System.Text.RegularExpressions;

namespace CareerGraph.Tests.Neo4j;

/// <summary>The Neo4j image the project runs, named once: the neo4j service of docker-compose.yml. The tests' throwaway containers use it too.</summary>
public static partial class Neo4jImage
{
    public static string FromCompose()
    {
        var compose = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
        var image = ImageLine().Match(compose);
        return image.Success ? image.Groups["image"].Value : throw new InvalidOperationException("docker-compose.yml names no neo4j image.");
    }

    [GeneratedRegex(@"^\s+image:\s*(?<image>neo4j:\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
