using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>The careerMoves query field: "where can I go from here?" (the use case is <see cref="CareerMoveAdvice"/>).</summary>
internal static class CareerMoveFields
{
    /// <summary>The score formula in words, written from <see cref="MoveWeights"/> so the schema cannot disagree with the ranking.</summary>
    public static readonly string Formula =
        FormattableString.Invariant($"score = {MoveWeights.Skills} × skill overlap + {MoveWeights.Link} × link strength + {MoveWeights.Closeness} / hops, ") +
        "where skill overlap is the weighted Jaccard similarity of the two careers' skills (Σ min importance ÷ Σ max importance), link strength the mean " +
        "weight of the links on the best walk (SPECIALISATION_OF counts 1), and a career with no walk within maxHops scores on skill overlap alone. Rounded to 4 decimals.";

    public static void AddCareerMoves(this ObjectGraphType query, CareerMoveAdvice advice, LimitOptions limits) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerMoveType>>>>("careerMoves")
            .Description("Where can I go from here? The best moves from one career, best first, ties by name. Candidates are the careers within maxHops " +
                         "walkable links (SEE_ALSO of at least minWeight, SPECIALISATION_OF, either way) and the careers that share one of its important " +
                         FormattableString.Invariant($"skills (core, or importance of at least {MoveWeights.ImportantSkill}) without a link, when at most {MoveWeights.CommonSkill} careers ") +
                         "require that skill (one most careers require says little about a move). " + Formula + " The career itself is never a move.")
            .Argument<NonNullGraphType<StringGraphType>>("from", "The career now: id, name or alias.")
            .Argument<IntGraphType>("first", a => { a.Description = $"At most this many moves (1–{limits.MaxPageSize})."; a.DefaultValue = 10; })
            .Argument<IntGraphType>("maxHops", a => { a.Description = $"How many links away a linked move may be (1–{limits.MaxHops})."; a.DefaultValue = 2; })
            .Argument<FloatGraphType>("minWeight", a => { a.Description = "Skip SEE_ALSO links weaker than this (0–1). Generic cross-links are weaker than the default 0.5."; a.DefaultValue = PathDefaults.MinWeight; })
            .Argument<JobZoneChangeType>("jobZone", a => { a.Description = "Only moves whose O*NET job zone compares so with the career's; ANY when left out."; a.DefaultValue = JobZoneChange.Any; })
            .ResolveAsync(async c => await advice.FindAsync(new CareerMoveRequest(c.GetArgument<string>("from"))
            {
                First = c.GetArgument("first", 10),
                MaxHops = c.GetArgument("maxHops", 2),
                MinWeight = c.GetArgument("minWeight", PathDefaults.MinWeight),
                JobZone = c.GetArgument("jobZone", JobZoneChange.Any),
            }, c.CancellationToken));
}
