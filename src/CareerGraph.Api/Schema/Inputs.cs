using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class CareerFilterType : InputObjectGraphType<CareerFilter>
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
}

internal sealed record CareerFilter(string? NameContains, string? HasSkill, string? InIndustry, bool? IsSpecialisation, string? Category);

internal sealed class SkillFilterType : InputObjectGraphType<SkillFilter>
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
}

internal sealed record SkillFilter(string? NameContains, string? Category, bool? Hot, string? RequiredBy);

internal sealed class IndustryFilterType : InputObjectGraphType<IndustryFilter>
{
    public IndustryFilterType()
    {
        Name = "IndustryFilter";
        Description = "Narrows a list of industries.";
        Field<StringGraphType>("nameContains").Description("Name contains this text (case-insensitive).");
    }
}

internal sealed record IndustryFilter(string? NameContains);
