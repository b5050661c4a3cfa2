using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>A page of nodes in the Relay connection shape.</summary>
internal sealed record Connection<T>(Page<T> Page)
{
    public IEnumerable<(string Cursor, T Node)> Edges => Page.Items.Select((item, i) => (Arguments.Cursor(Page.Skip + i), item));
}

internal sealed class PageInfoType : ObjectGraphType<Page<object>>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in the whole list.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when more items follow this page.").Reads(s => s.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("True when items come before this page.").Reads(s => s.Skip > 0);
        Field<StringGraphType>("startCursor").Description("Cursor of the first item on this page.").Reads(s => s.Items.Count == 0 ? null : Arguments.Cursor(s.Skip));
        Field<StringGraphType>("endCursor").Description("Cursor of the last item on this page: pass it as 'after' for the next page.").Reads(s => s.Items.Count == 0 ? null : Arguments.Cursor(s.Skip + s.Items.Count - 1));
    }
}

internal class ConnectionType<TNode, TNodeType> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionType(string name, string what)
    {
        Name = $"{name}Connection";
        Description = $"A page of {what}.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description($"How many {what} match, on all pages.").Reads(s => s.Page.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description($"The {what} on this page.").Reads(s => s.Page.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CursorEdgeType<TNode, TNodeType>>>>>("edges").Description($"The {what} on this page, each with its cursor.").Reads(s => s.Edges.Select(e => (e.Cursor, (object?)e.Node)).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information.")
            .Resolve(c => new Page<object>(c.Source.Page.Items.Cast<object>().ToList(), c.Source.Page.TotalCount, c.Source.Page.Skip));
    }
}

/// <summary>A Relay edge: one item of a page with its cursor.</summary>
internal sealed class CursorEdgeType<TNode, TNodeType> : ObjectGraphType<(string Cursor, object? Node)>
    where TNodeType : IGraphType
{
    public CursorEdgeType()
    {
        var name = typeof(TNode).Name;
        Name = $"{name}Edge";
        Description = $"A {name.ToLowerInvariant()} with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque position of this item; pass it as 'after' to continue after it.").Reads(s => s.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {name.ToLowerInvariant()}.").Reads(s => s.Node);
    }
}

internal sealed class CareerConnectionType() : ConnectionType<Career, CareerType>("Career", "careers");
internal sealed class SkillConnectionType() : ConnectionType<Skill, SkillType>("Skill", "skills");
internal sealed class IndustryConnectionType() : ConnectionType<Industry, IndustryType>("Industry", "industries");
