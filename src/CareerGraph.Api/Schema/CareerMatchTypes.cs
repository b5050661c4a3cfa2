using CareerGraph.Moves;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class CareerMatchType : ObjectGraphType<CareerMatch>
{
    public CareerMatchType()
    {
        Name = "CareerMatch";
        Description = "A career that fits a person's skills, scored and explained, with what to learn.";
        Field<NonNullGraphType<CareerType>>("career").Description("The career.").Resolve(c => c.Loaders().Node(c.Source.CareerId));
        Field<NonNullGraphType<FloatGraphType>>("score").Description("How well the career fits, 0 to 1, higher is better: " + CareerMatchFields.Formula).Reads(s => s.Score);
        Field<NonNullGraphType<FloatGraphType>>("coverage")
            .Description("The share of the career's requirement weight the skills given cover, 0 to 1 (" + CareerMatchFields.CoverageRule + "). Rounded to 4 decimals.")
            .Reads(s => s.Coverage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRequirementType>>>>("matchedSkills")
            .Description("The career's requirements one has: core before optional, then most important first.").Reads(s => s.MatchedSkills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRequirementType>>>>("missingSkills")
            .Description("The career's requirements one lacks, what to learn: core before optional, then most important first.").Reads(s => s.MissingSkills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons")
            .Description("Why, in plain words, from the same terms as the score: \"you have 72% of what it requires: Python, PyTorch and Docker\", " +
                         "\"uses 3 of your 4 skills\", \"Microsoft Excel counts less: 912 careers require it\", \"to learn: Statistics\", \"job zone 4\".")
            .Reads(s => s.Reasons);
    }
}
