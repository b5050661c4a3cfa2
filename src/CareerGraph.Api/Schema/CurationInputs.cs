using System.Globalization;
using CareerGraph.Model;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>
/// Curation inputs are read as dictionaries, so that an update can tell a field left out (kept as it is)
/// from a field set to null (cleared).
/// </summary>
internal sealed class InputMap(IDictionary<string, object?> values)
{
    public bool Has(string field) => values.ContainsKey(field);

    public string? String(string field) => values.TryGetValue(field, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    public IReadOnlyList<string> Strings(string field) =>
        values.TryGetValue(field, out var v) && v is IEnumerable<object?> items ? [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")] : [];

    public int? Int(string field) => values.TryGetValue(field, out var v) && v is not null ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    public double? Double(string field) => values.TryGetValue(field, out var v) && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    public bool? Bool(string field) => values.TryGetValue(field, out var v) && v is not null ? Convert.ToBoolean(v, CultureInfo.InvariantCulture) : null;
}

/// <summary>Fields shared by the create and update inputs of one kind of node.</summary>
internal static class NodeInputFields
{
    public static void Add(InputObjectGraphType type, bool create, string kind)
    {
        if (create)
        {
            type.Field<IdGraphType>("id").Description($"The new {kind}'s id: a slug such as \"mlops-engineer\". Made from the name when left out.");
            type.Field<NonNullGraphType<StringGraphType>>("name").Description($"Display name (at most {GraphRules.MaxNameLength} characters); no other {kind} may have the same name.");
        }
        else
        {
            type.Field<NonNullGraphType<IdGraphType>>("id").Description($"The id of the {kind} to change.");
            type.Field<StringGraphType>("name").Description($"New display name (at most {GraphRules.MaxNameLength} characters); no other {kind} may have the same name.");
            type.Field<StringGraphType>("expectedEtag").Description($"The {kind}'s etag as you last read it: the update is refused with CONFLICT if the {kind} has changed since. Left out, the update applies to the {kind} as it is.");
        }
        type.Field<StringGraphType>("description").Description($"A short description in plain words (at most {GraphRules.MaxDescriptionLength} characters).");
        type.Field<StringGraphType>("source").Description(create ? "Where the facts come from; \"curated\" when left out." : "Where the facts come from.");
    }
}

internal sealed class CreateCareerInputType : InputObjectGraphType
{
    public CreateCareerInputType()
    {
        Name = "CreateCareerInput";
        Description = "A new career.";
        NodeInputFields.Add(this, create: true, "career");
        CareerFields(this);
    }

    internal static void CareerFields(InputObjectGraphType type)
    {
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("duties").Description($"What people in this career do (at most {GraphRules.MaxDuties}, each at most {GraphRules.MaxDutyLength} characters).");
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categories").Description($"Career categories, e.g. \"Computer, AI & Data\" (at most {GraphRules.MaxCategories}).");
        type.Field<StringGraphType>("socCode").Description("O*NET-SOC occupation code.");
        type.Field<IntGraphType>("jobZone").Description("O*NET job zone, 1 to 5.");
    }
}

internal sealed class UpdateCareerInputType : InputObjectGraphType
{
    public UpdateCareerInputType()
    {
        Name = "UpdateCareerInput";
        Description = "Changes to a career. Fields left out keep their value; fields set to null are cleared.";
        NodeInputFields.Add(this, create: false, "career");
        CreateCareerInputType.CareerFields(this);
    }
}

internal sealed class CreateSkillInputType : InputObjectGraphType
{
    public CreateSkillInputType()
    {
        Name = "CreateSkillInput";
        Description = "A new skill, tool or technology.";
        NodeInputFields.Add(this, create: true, "skill");
        SkillFields(this);
    }

    internal static void SkillFields(InputObjectGraphType type)
    {
        type.Field<StringGraphType>("category").Description("A grouping such as \"Programming language\".");
        type.Field<BooleanGraphType>("hot").Description("Often named in current job postings; false when left out.");
    }
}

internal sealed class UpdateSkillInputType : InputObjectGraphType
{
    public UpdateSkillInputType()
    {
        Name = "UpdateSkillInput";
        Description = "Changes to a skill. Fields left out keep their value; fields set to null are cleared.";
        NodeInputFields.Add(this, create: false, "skill");
        CreateSkillInputType.SkillFields(this);
    }
}

internal sealed class CreateIndustryInputType : InputObjectGraphType
{
    public CreateIndustryInputType()
    {
        Name = "CreateIndustryInput";
        Description = "A new industry.";
        NodeInputFields.Add(this, create: true, "industry");
    }
}

internal sealed class UpdateIndustryInputType : InputObjectGraphType
{
    public UpdateIndustryInputType()
    {
        Name = "UpdateIndustryInput";
        Description = "Changes to an industry. Fields left out keep their value; fields set to null are cleared.";
        NodeInputFields.Add(this, create: false, "industry");
    }
}

internal sealed class AddEdgeInputType : InputObjectGraphType
{
    public AddEdgeInputType()
    {
        Name = "AddEdgeInput";
        Description = "An edge to add, or whose properties to replace when it exists. Give only the properties of its kind.";
        Field<NonNullGraphType<IdGraphType>>("source").Description("Where the edge starts: always a career.");
        Field<NonNullGraphType<EdgeKindType>>("kind").Description("REQUIRES (to a skill), IN_INDUSTRY (to an industry), SPECIALISATION_OF or SEE_ALSO (to a career).");
        Field<NonNullGraphType<IdGraphType>>("target").Description("Where the edge ends.");
        Field<FloatGraphType>("importance").Description("REQUIRES: how important the skill is, 0 to 1; 0.5 when left out.");
        Field<BooleanGraphType>("core").Description("REQUIRES: a core skill rather than an optional one; false when left out.");
        Field<FloatGraphType>("weight").Description("SEE_ALSO: strength of the relation, greater than 0 and at most 1; 0.5 when left out.");
        Field<IntGraphType>("tier").Description("SEE_ALSO: 1 for the closest relations up to 9 for the loosest; 1 when left out.");
    }
}

internal sealed class RemoveEdgeInputType : InputObjectGraphType
{
    public RemoveEdgeInputType()
    {
        Name = "RemoveEdgeInput";
        Description = "The edge to remove.";
        Field<NonNullGraphType<IdGraphType>>("source").Description("Where the edge starts.");
        Field<NonNullGraphType<EdgeKindType>>("kind").Description("The edge's kind.");
        Field<NonNullGraphType<IdGraphType>>("target").Description("Where the edge ends.");
    }
}

internal sealed class AliasInputType : InputObjectGraphType
{
    public AliasInputType()
    {
        Name = "AliasInput";
        Description = "An alias of a career or skill.";
        Field<NonNullGraphType<StringGraphType>>("name").Description($"The other name (at most {GraphRules.MaxNameLength} characters); compared ignoring case and spacing.");
        Field<NonNullGraphType<IdGraphType>>("target").Description("The id of the career or skill it names.");
    }
}

internal sealed class MergeCareersInputType : InputObjectGraphType
{
    public MergeCareersInputType()
    {
        Name = "MergeCareersInput";
        Description = "Two careers to merge.";
        Field<NonNullGraphType<IdGraphType>>("from").Description("The career merged away: its edges and aliases move to the survivor, its name becomes an alias, and its id leads to the survivor.");
        Field<NonNullGraphType<IdGraphType>>("into").Description("The surviving career; it keeps its own properties.");
    }
}
