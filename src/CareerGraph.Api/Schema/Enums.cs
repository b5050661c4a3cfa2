using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class NodeKindType : EnumerationGraphType<NodeKind>
{
    public NodeKindType()
    {
        Name = "NodeKind";
        Description = "The kinds of node in the career graph (Neo4j labels).";
        Values.FindByValue(NodeKind.Career)!.Description = "An occupation, such as MLOps Engineer.";
        Values.FindByValue(NodeKind.Skill)!.Description = "A skill, tool or technology a career requires, such as Python or Kubernetes.";
        Values.FindByValue(NodeKind.Industry)!.Description = "An industry careers work in.";
    }
}

internal sealed class EdgeKindType : EnumerationGraphType<EdgeKind>
{
    public EdgeKindType()
    {
        Name = "EdgeKind";
        Description = "The kinds of edge in the career graph (Neo4j relationship types).";
        Describe(EdgeKind.Requires, "Career → Skill, with importance and core/optional.");
        Describe(EdgeKind.InIndustry, "Career → Industry.");
        Describe(EdgeKind.SpecialisationOf, "Career → the broader career it specialises.");
        Describe(EdgeKind.SeeAlso, "Career → a related career, with a weight and tier.");
    }

    private void Describe(EdgeKind kind, string description) =>
        Values.FindByValue(kind)!.Description = description;
}

internal sealed class SortOrderType : EnumerationGraphType<SortOrder>
{
    public SortOrderType()
    {
        Name = "SortOrder";
        Description = "How a list is ordered.";
        Values.FindByValue(SortOrder.NameAscending)!.Description = "By name, A to Z.";
        Values.FindByValue(SortOrder.NameDescending)!.Description = "By name, Z to A.";
    }
}
