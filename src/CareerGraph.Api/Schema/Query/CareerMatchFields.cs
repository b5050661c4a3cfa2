using CareerGraph.Api.Security;
using CareerGraph.Moves;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>The careerMatches query field: "I know these skills: which careers fit me, and what should I learn?".</summary>
internal static class CareerMatchFields
{
    /// <summary>What a requirement weighs in coverage (before the formula, which uses it).</summary>
    public static readonly string CoverageRule = FormattableString.Invariant($"a requirement weighs its importance, {MatchWeights.Core} times as much when core");

    /// <summary>The score formula in words, written from <see cref="MatchWeights"/> so the schema cannot disagree with the ranking.</summary>
    public static readonly string Formula = FormattableString.Invariant(
        $"score = 1 ÷ ({MatchWeights.Coverage} ÷ coverage + {MatchWeights.Use} ÷ use), the weighted harmonic mean of coverage and use (0 when either is 0), ") +
        "where coverage is the share of the career's requirement weight the skills given cover (" + CoverageRule + ") and use the share of the skills " +
        FormattableString.Invariant($"given that the career requires, each weighted by its rarity: 1 for a skill at most {MoveWeights.CommonSkill} careers require, ") +
        FormattableString.Invariant($"{MoveWeights.CommonSkill} ÷ n for one n > {MoveWeights.CommonSkill} careers require, so a skill most careers require (Microsoft Excel) ") +
        "makes no career a good match on its own. Rounded to 4 decimals.";

    public static void AddCareerMatches(this ObjectGraphType query, CareerMatchAdvice advice, LimitOptions limits) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerMatchType>>>>("careerMatches")
            .Description("I know these skills: which careers fit me, and what should I learn? The careers that require at least one of the skills, " +
                         "best first; ties by coverage, then name. " + Formula)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("skills",
                $"The skills one has (1–{CareerMatchAdvice.MaxSkills}): ids, names or aliases, case-insensitive. An unknown one is NOT_FOUND with the closest skills " +
                "in extensions.data.suggestions; an alias of several skills AMBIGUOUS_REFERENCE with extensions.data.candidates.")
            .Argument<IntGraphType>("first", a => { a.Description = $"At most this many careers (1–{limits.MaxPageSize})."; a.DefaultValue = 10; })
            .Argument<IntGraphType>("maxJobZone", "Only careers whose O*NET job zone (1 to 5, the preparation they need) is at most this; careers without a job zone are then left out.")
            .ResolveAsync(async c => (object?)await advice.FindAsync(
                new CareerMatchRequest(c.GetArgument<List<string>>("skills"))
                {
                    First = c.GetArgument("first", 10),
                    MaxJobZone = c.GetArgument<int?>("maxJobZone"),
                },
                c.CancellationToken));
}
