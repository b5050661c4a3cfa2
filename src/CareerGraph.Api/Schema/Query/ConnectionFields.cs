using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>Query fields that list careers, skills and industries a page at a time, filtered and sorted.</summary>
internal static class ConnectionFields
{
    public static void AddConnections(this ObjectGraphType query, ICareerGraphStore store, LimitOptions limits)
    {
        query.Field<NonNullGraphType<CareerConnectionType>>("careers")
            .Description("Careers, a page at a time, filtered and sorted.")
            .PagingArguments(limits)
            .Argument<CareerFilterType>("filter", "Conditions the careers must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<CareerFilter?>("filter");
                var query = new CareerQuery(c.PageRequest(limits))
                {
                    NameContains = filter?.NameContains,
                    HasSkill = await store.ResolveIdAsync("filter.hasSkill", filter?.HasSkill, NodeKind.Skill, c.CancellationToken),
                    InIndustry = await store.ResolveIdAsync("filter.inIndustry", filter?.InIndustry, NodeKind.Industry, c.CancellationToken),
                    IsSpecialisation = filter?.IsSpecialisation,
                    Category = filter?.Category,
                    Sort = c.GetArgument("orderBy", SortOrder.NameAscending),
                };
                return new Connection<Career>(await store.FindCareersAsync(query, c.CancellationToken));
            });

        query.Field<NonNullGraphType<SkillConnectionType>>("skills")
            .Description("Skills, a page at a time, filtered and sorted.")
            .PagingArguments(limits)
            .Argument<SkillFilterType>("filter", "Conditions the skills must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<SkillFilter?>("filter");
                var query = new SkillQuery(c.PageRequest(limits))
                {
                    NameContains = filter?.NameContains,
                    Category = filter?.Category,
                    Hot = filter?.Hot,
                    RequiredBy = await store.ResolveIdAsync("filter.requiredBy", filter?.RequiredBy, NodeKind.Career, c.CancellationToken),
                    Sort = c.GetArgument("orderBy", SortOrder.NameAscending),
                };
                return new Connection<Skill>(await store.FindSkillsAsync(query, c.CancellationToken));
            });

        query.Field<NonNullGraphType<IndustryConnectionType>>("industries")
            .Description("Industries, a page at a time.")
            .PagingArguments(limits)
            .Argument<IndustryFilterType>("filter", "Conditions the industries must meet.")
            .Argument<SortOrderType>("orderBy", a => { a.Description = "Sort order."; a.DefaultValue = SortOrder.NameAscending; })
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<IndustryFilter?>("filter");
                var query = new IndustryQuery(c.PageRequest(limits)) { NameContains = filter?.NameContains, Sort = c.GetArgument("orderBy", SortOrder.NameAscending) };
                return new Connection<Industry>(await store.FindIndustriesAsync(query, c.CancellationToken));
            });
    }

    public static FieldBuilder<object?, object> PagingArguments(this FieldBuilder<object?, object> field, LimitOptions limits) => field
        .Argument<IntGraphType>("first", a => { a.Description = $"Page size (0–{limits.MaxPageSize})."; a.DefaultValue = 20; })
        .Argument<StringGraphType>("after", "Start after this cursor (an endCursor from the previous page).");


    public static PageRequest PageRequest(this IResolveFieldContext c, LimitOptions limits) =>
        new(Arguments.Offset(c.GetArgument<string?>("after")), Arguments.Bounded(c.GetArgument("first", 20), "first", 0, limits.MaxPageSize));
}
