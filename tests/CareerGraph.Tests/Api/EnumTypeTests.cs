using CareerGraph.Api.Schema;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Store;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The schema's enum types list their values one by one (Schema/Enums.cs): each must name every value of its enum, once,
/// write it by that name and read the name back as the value, as GraphQL.NET's generic enum type would.
/// </summary>
public sealed class EnumTypeTests
{
    private static readonly Dictionary<string, (EnumerationGraphType Type, Type Enum)> Types = new()
    {
        ["NodeKind"] = (new NodeKindType(), typeof(NodeKind)),
        ["EdgeKind"] = (new EdgeKindType(), typeof(EdgeKind)),
        ["SortOrder"] = (new SortOrderType(), typeof(SortOrder)),
        ["JobZoneChange"] = (new JobZoneChangeType(), typeof(JobZoneChange)),
        ["AuditOperation"] = (new AuditOperationType(), typeof(AuditOperation)),
    };

    public static TheoryData<string> Names => [.. Types.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_value_of_the_enum_is_written_by_a_name_of_its_own_and_read_back(string name)
    {
        var (type, enumType) = Types[name];
        Assert.Equal(name, type.Name);
        var values = Enum.GetValues(enumType);
        Assert.Equal(values.Length, type.Values.Count);
        var names = new HashSet<string>();
        foreach (var value in values)
        {
            var written = Assert.IsType<string>(type.Serialize(value));
            Assert.True(names.Add(written), $"{written} names two values of {name}");
            Assert.Equal(value, type.ParseValue(written));
            Assert.Equal(value, type.ParseLiteral(new GraphQLEnumValue(new GraphQLName(written))));
        }
    }

    [Fact]
    public void A_value_of_another_enum_is_not_written_as_one_of_these()
    {
        // Both are the first of their enums (0): found by the value itself, not by its number.
        Assert.ThrowsAny<Exception>(() => new EdgeKindType().Serialize(NodeKind.Career));
        Assert.Null(new EdgeKindType().ParseValue(null));
        Assert.ThrowsAny<Exception>(() => new EdgeKindType().ParseValue("CAREER"));
    }
}
