using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

// Each filter is made from its fields by hand (ParseDictionary), on the untyped input type: a typed one
// (InputObjectGraphType<TFilter>) looks for a conversion while the schema is built, at every start, which sets up
// GraphQL.NET's table of value conversions and compiles an expression, for a record of a few strings.
internal sealed class CareerFilterType : InputObjectGraphType
{
    public CareerFilterType()
    {
        Name = "CareerFilter";
        Description = "Narrows a list of careers; all given conditions must hold.";
        Field<StringGraphType>("nameContains").Description("Name contains this text (case-insensitive).");
        Field<StringGraphType>("hasSkill").Description("Requires this skill: an id, name or alias.");
        Field<StringGraphType>("inIndustry").Description("Works in this industry: an id or name.");
        Field<BooleanGraphType>("isSpecialisation").Description("Only specialisations (true) or only careers that specialise nothing (false).");
        Field<StringGraphType>("category").Description("Listed under this career category, e.g. \"Computer, AI & Data\".");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new CareerFilter(
        value.Field<string>("nameContains"), value.Field<string>("hasSkill"), value.Field<string>("inIndustry"),
        value.Field<bool?>("isSpecialisation"), value.Field<string>("category"));
}

internal sealed record CareerFilter(string? NameContains, string? HasSkill, string? InIndustry, bool? IsSpecialisation, string? Category);

internal sealed class SkillFilterType : InputObjectGraphType
{
    public SkillFilterType()
    {
        Name = "SkillFilter";
        Description = "Narrows a list of skills; all given conditions must hold.";
        Field<StringGraphType>("nameContains").Description("Name contains this text (case-insensitive).");
        Field<StringGraphType>("category").Description("In this category (exact, case-insensitive).");
        Field<BooleanGraphType>("hot").Description("Only hot technologies (true) or only the others (false).");
        Field<StringGraphType>("requiredBy").Description("Required by this career: an id, name or alias.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new SkillFilter(
        value.Field<string>("nameContains"), value.Field<string>("category"), value.Field<bool?>("hot"), value.Field<string>("requiredBy"));
}

internal sealed record SkillFilter(string? NameContains, string? Category, bool? Hot, string? RequiredBy);

internal sealed class IndustryFilterType : InputObjectGraphType
{
    public IndustryFilterType()
    {
        Name = "IndustryFilter";
        Description = "Narrows a list of industries.";
        Field<StringGraphType>("nameContains").Description("Name contains this text (case-insensitive).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new IndustryFilter(value.Field<string>("nameContains"));
}

internal sealed record IndustryFilter(string? NameContains);

internal static class InputFields
{
    /// <summary>An input object's field as GraphQL.NET has already coerced it: its value, or null when not given.</summary>
    public static T? Field<T>(this IDictionary<string, object?> value, string name) => value.TryGetValue(name, out var field) ? (T?)field : default;
}
