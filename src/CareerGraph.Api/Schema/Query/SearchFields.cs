using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>The search field: nodes whose name or alias matches a text, best first.</summary>
internal static class SearchFields
{
    public static void AddSearch(this ObjectGraphType query, ICareerGraphStore store, LimitOptions limits)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitType>>>>("search")
            .Description("Careers, skills and industries whose name or alias matches the text, best first; small typos are forgiven.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "What to look for (1–200 characters).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "Only these kinds; all kinds when left out.")
            .Argument<IntGraphType>("first", a => { a.Description = $"At most this many results (1–{limits.MaxPageSize})."; a.DefaultValue = 10; })
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                if (text.Trim().Length is < 1 or > 200)
                    throw GraphError.InvalidArgument("text", $"'text' has {text.Trim().Length} characters; give 1 to 200 (spaces at the ends do not count).");
                var kinds = c.GetArgument<List<NodeKind>?>("kinds") ?? [];
                var first = Arguments.Bounded(c.GetArgument("first", 10), "first", 1, limits.MaxPageSize);
                return await store.SearchAsync(new SearchQuery(text, kinds.ToHashSet(), first), c.CancellationToken);
            });
    }
}
