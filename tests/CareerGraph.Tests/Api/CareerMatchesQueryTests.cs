using System.Text.Json.Nodes;

namespace CareerGraph.Tests.Api;

/// <summary>careerMatches over HTTP, on the curated seeds.</summary>
[Collection(SeededApp.Name)]
public sealed class CareerMatchesQueryTests(CareerGraphApp app)
{
    private static string[] Ids(JsonNode? requirements) => [.. requirements!.AsArray().Select(n => n!["skill"]!["id"]!.GetValue<string>())];

    [Fact]
    public async Task Matches_for_ml_skills_are_ml_careers_scored_explained_and_best_first()
    {
        var data = await app.QueryAsync("""
            { careerMatches(skills: ["python", "TensorFlow", "pytorch", "docker"], first: 5) {
                career { id name skills { skill { id } } } score coverage reasons
                matchedSkills { skill { id } importance core } missingSkills { skill { id } importance core } } }
            """);

        var matches = data["careerMatches"]!.AsArray();
        Assert.Equal(5, matches.Count);
        var scores = matches.Select(m => m!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        foreach (var match in matches)
        {
            var matched = Ids(match!["matchedSkills"]);
            var missing = Ids(match["missingSkills"]);
            Assert.Subset(new HashSet<string> { "python", "tensorflow", "pytorch", "docker" }, matched.ToHashSet());
            Assert.Equal(Ids(match["career"]!["skills"]).Order(), matched.Concat(missing).Order());
            foreach (var list in new[] { match["matchedSkills"]!.AsArray(), match["missingSkills"]!.AsArray() })
            {
                var order = list.Select(r => (Core: r!["core"]!.GetValue<bool>(), Importance: r["importance"]!.GetValue<double>())).ToList();
                Assert.Equal(order.OrderByDescending(r => r.Core).ThenByDescending(r => r.Importance), order);
            }
            Assert.StartsWith($"you have {Math.Round(match["coverage"]!.GetValue<double>() * 100):0}% of what it requires: ", match["reasons"]![0]!.GetValue<string>());
        }
        // The seeds' deep learning engineer uses three of the four and needs what a deep learning course teaches.
        Assert.Equal("deep-learning-engineer", matches[0]!["career"]!["id"]!.GetValue<string>());
        Assert.Equal("deep-learning", Ids(matches[0]!["missingSkills"])[0]);
    }

    [Fact]
    public async Task A_misspelt_skill_is_not_found_with_the_closest_skills_suggested()
    {
        var (_, body) = await app.PostAsync("""{ careerMatches(skills: ["Docker", "Pyhton"]) { score } }""");

        var error = body["errors"]![0]!;
        Assert.Equal("NOT_FOUND", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Pyhton", error["extensions"]!["data"]!["reference"]!.GetValue<string>());
        Assert.Equal("python", error["extensions"]!["data"]!["suggestions"]![0]!["id"]!.GetValue<string>());
        Assert.Contains("'Pyhton'", error["message"]!.GetValue<string>());
        Assert.Contains("Did you mean Python (python)", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ careerMatches(skills: []) { score } }""", "skills")]
    [InlineData("""{ careerMatches(skills: ["python", " "]) { score } }""", "skills")]
    [InlineData("""{ careerMatches(skills: ["python"], first: 0) { score } }""", "first")]
    [InlineData("""{ careerMatches(skills: ["python"], first: 101) { score } }""", "first")]
    [InlineData("""{ careerMatches(skills: ["python"], maxJobZone: 0) { score } }""", "maxJobZone")]
    [InlineData("""{ careerMatches(skills: ["python"], maxJobZone: 6) { score } }""", "maxJobZone")]
    public async Task Bad_counts_are_invalid_argument_errors_naming_the_argument(string query, string argument)
    {
        var (_, body) = await app.PostAsync(query);
        var error = body["errors"]![0]!;
        Assert.Equal("INVALID_ARGUMENT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(argument, error["extensions"]!["data"]!["argument"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fifty_skills_are_taken_and_fifty_one_are_refused()
    {
        var fifty = Enumerable.Repeat("python", 50).ToArray();
        var data = await app.QueryAsync("query($skills: [String!]!) { careerMatches(skills: $skills, first: 1) { career { id } } }", new { skills = fifty });
        Assert.Single(data["careerMatches"]!.AsArray());

        var (_, body) = await app.PostAsync("query($skills: [String!]!) { careerMatches(skills: $skills) { score } }", new { skills = fifty.Append("docker").ToArray() });
        Assert.Equal("INVALID_ARGUMENT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("51", body["errors"]![0]!["message"]!.GetValue<string>());
    }
}
