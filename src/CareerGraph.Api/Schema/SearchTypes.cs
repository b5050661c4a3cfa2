using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>What search answers: a node, the text that matched and how well.</summary>
internal sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "A search result.";
        Field<NonNullGraphType<NodeInterface>>("node").Description("The node found.").Reads(s => s.Node);
        Field<NonNullGraphType<StringGraphType>>("matched").Description("The name or alias that matched.").Reads(s => s.MatchedText);
        Field<NonNullGraphType<BooleanGraphType>>("viaAlias").Description("True when an alias matched rather than the name.").Reads(s => s.ViaAlias);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Closeness from 0 to 1: 1 is exact, lower for prefixes, substrings and typos.").Reads(s => s.Score);
    }
}
