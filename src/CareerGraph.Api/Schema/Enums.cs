using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

// The enums are non-generic EnumerationGraphTypes, each value named as the schema spells it: the generic one
// (EnumerationGraphType<TEnum>) is code made for each enum (its values' dictionaries keyed by the enum), which even
// the image's ahead-of-time compiled build compiles at every start, on the way to the first answer (docs/performance.md).

internal sealed class NodeKindType : EnumerationGraphType
{
    public NodeKindType()
    {
        Name = "NodeKind";
        Description = "The kinds of node in the career graph (Neo4j labels).";
        Add("CAREER", NodeKind.Career, "An occupation, such as MLOps Engineer.");
        Add("SKILL", NodeKind.Skill, "A skill, tool or technology a career requires, such as Python or Kubernetes.");
        Add("INDUSTRY", NodeKind.Industry, "An industry careers work in.");
    }
}

internal sealed class EdgeKindType : EnumerationGraphType
{
    public EdgeKindType()
    {
        Name = "EdgeKind";
        Description = "The kinds of edge in the career graph (Neo4j relationship types).";
        Add("REQUIRES", EdgeKind.Requires, "Career → Skill, with importance and core/optional.");
        Add("IN_INDUSTRY", EdgeKind.InIndustry, "Career → Industry.");
        Add("SPECIALISATION_OF", EdgeKind.SpecialisationOf, "Career → the broader career it specialises.");
        Add("SEE_ALSO", EdgeKind.SeeAlso, "Career → a related career, with a weight and tier.");
    }
}

internal sealed class SortOrderType : EnumerationGraphType
{
    public SortOrderType()
    {
        Name = "SortOrder";
        Description = "How a list is ordered.";
        Add("NAME_ASCENDING", SortOrder.NameAscending, "By name, A to Z.");
        Add("NAME_DESCENDING", SortOrder.NameDescending, "By name, Z to A.");
    }
}
