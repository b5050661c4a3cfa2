using System.Text.Json.Nodes;

namespace CareerGraph.Tests.Api;

/// <summary>careerMoves over HTTP, on the curated seeds.</summary>
[Collection(SeededApp.Name)]
public sealed class CareerMovesQueryTests(CareerGraphApp app)
{
    private static string[] Names(JsonNode? list) => [.. list!.AsArray().Select(n => n!["name"]!.GetValue<string>())];

    [Fact]
    public async Task Moves_from_ml_engineer_are_scored_explained_and_best_first()
    {
        var data = await app.QueryAsync("""
            { careerMoves(from: "ML Engineer", first: 5) {
                career { id name } score sharedSkills { name } skillsToLearn { name } reasons
                path { hops careers { id } } } }
            """);

        var moves = data["careerMoves"]!.AsArray();
        Assert.Equal(5, moves.Count);
        var scores = moves.Select(m => m!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.DoesNotContain(moves, m => m!["career"]!["id"]!.GetValue<string>() == "machine-learning-engineer");
        foreach (var move in moves)
        {
            Assert.NotEmpty(move!["reasons"]!.AsArray());
            Assert.Empty(Names(move["sharedSkills"]).Intersect(Names(move["skillsToLearn"])));
            if (move["path"] is { } path)
            {
                Assert.Equal("machine-learning-engineer", path["careers"]![0]!["id"]!.GetValue<string>());
                Assert.Equal(move["career"]!["id"]!.GetValue<string>(), path["careers"]!.AsArray()[^1]!["id"]!.GetValue<string>());
                Assert.InRange(path["hops"]!.GetValue<int>(), 1, 2);
            }
        }
        // The closest moves are its own specialisations, such as Applied Machine Learning Engineer.
        Assert.Equal("specialises Machine Learning Engineer", moves[0]!["reasons"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Shared_skills_and_skills_to_learn_agree_with_the_skill_gap()
    {
        var data = await app.QueryAsync("""
            { careerMoves(from: "machine-learning-engineer", first: 3) { career { id } sharedSkills { id } skillsToLearn { id } } }
            """);
        foreach (var move in data["careerMoves"]!.AsArray())
        {
            var to = move!["career"]!["id"]!.GetValue<string>();
            var gap = (await app.QueryAsync($$"""{ skillGap(from: "machine-learning-engineer", to: "{{to}}") { keep { id } learn { id } } }"""))["skillGap"]!;
            Assert.Equal(gap["keep"]!.ToJsonString(), move["sharedSkills"]!.ToJsonString());
            Assert.Equal(gap["learn"]!.ToJsonString(), move["skillsToLearn"]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("""{ careerMoves(from: "ML Engineer", first: 0) { score } }""", "first")]
    [InlineData("""{ careerMoves(from: "ML Engineer", maxHops: 0) { score } }""", "maxHops")]
    [InlineData("""{ careerMoves(from: "ML Engineer", maxHops: 50) { score } }""", "maxHops")]
    [InlineData("""{ careerMoves(from: "ML Engineer", minWeight: 1.5) { score } }""", "minWeight")]
    [InlineData("""{ careerMoves(from: "ML Engineer", jobZone: SAME_OR_LOWER) { score } }""", "jobZone")]
    [InlineData("""{ careerMoves(from: "  ") { score } }""", "from")]
    public async Task Bad_arguments_are_invalid_argument_errors_naming_the_argument(string query, string argument)
    {
        var (_, body) = await app.PostAsync(query);
        var error = body["errors"]![0]!;
        Assert.Equal("INVALID_ARGUMENT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(argument, error["extensions"]!["data"]!["argument"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Astronaut Chef", "NOT_FOUND")]
    [InlineData("AI Specialist", "AMBIGUOUS_REFERENCE")]
    [InlineData("python", "NOT_FOUND")]
    public async Task An_unknown_or_ambiguous_career_is_refused_as_for_path(string from, string code)
    {
        var (_, body) = await app.PostAsync("query($from: String!) { careerMoves(from: $from) { score } }", new { from });
        Assert.Equal(code, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("from", body["errors"]![0]!["extensions"]!["data"]!["argument"]!.GetValue<string>());
    }
}
