using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL.Types;
using GraphQLParser;

namespace CareerGraph.Api.Schema;

/// <summary>
/// An enum type whose values are added one by one, each with the name the schema spells, and found by the enum value
/// itself. Not GraphQL.NET's generic EnumerationGraphType&lt;TEnum&gt;: its dictionaries keyed by the enum are code of
/// their own for each enum, which the JIT compiles at every start, even in the image's ahead-of-time compiled build
/// (docs/performance.md, "Start-up, ninth pass"). Nor its non-generic values as they are: they convert every value to
/// be written to its underlying number first, by reflection, and an answer may hold hundreds of them.
/// </summary>
internal abstract class EnumGraphType : EnumerationGraphType
{
    protected override EnumValuesBase CreateValues() => new ValuesByEnum();

    private sealed class ValuesByEnum : EnumValuesBase
    {
        private readonly List<EnumValueDefinition> _values = [];

        public override int Count => _values.Count;

        public override void Add(EnumValueDefinition value) => _values.Add(value);

        public override EnumValueDefinition? FindByName(ROM name)
        {
            foreach (var value in _values)
                if (value.Name == name) return value;
            return null;
        }

        public override EnumValueDefinition? FindByValue(object? value)
        {
            foreach (var definition in _values)
                if (Equals(definition.Value, value)) return definition;
            return null;
        }

        public override IEnumerator<EnumValueDefinition> GetEnumerator() => _values.GetEnumerator();
    }
}

internal sealed class NodeKindType : EnumGraphType
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

internal sealed class EdgeKindType : EnumGraphType
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

internal sealed class SortOrderType : EnumGraphType
{
    public SortOrderType()
    {
        Name = "SortOrder";
        Description = "How a list is ordered.";
        Add("NAME_ASCENDING", SortOrder.NameAscending, "By name, A to Z.");
        Add("NAME_DESCENDING", SortOrder.NameDescending, "By name, Z to A.");
    }
}
