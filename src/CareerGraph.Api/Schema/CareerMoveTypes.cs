using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class CareerMoveType : ObjectGraphType<DescribedMove>
{
    public CareerMoveType()
    {
        Name = "CareerMove";
        Description = "A career one could move to, scored and explained.";
        Field<NonNullGraphType<CareerType>>("career").Description("The career to move to.").Resolve(c => c.Loaders().Node(c.Source.Move.CareerId));
        Field<NonNullGraphType<FloatGraphType>>("score").Description("How good a move it is, 0 to 1, higher is better: " + CareerMoveFields.Formula).Reads(s => s.Move.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("sharedSkills").Description("Skills both careers require: what carries over, most important first.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Move.SharedSkills));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillType>>>>("skillsToLearn").Description("Skills the target requires that the career moved from does not, most important first.")
            .Resolve(c => c.Loaders().Nodes<Skill>(c.Source.Move.SkillsToLearn));
        Field<CareerPathType>("path").Description("The best walk from the career moved from; null when there is none within maxHops.").Reads(s => s.Path);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons")
            .Description("Why, in plain words: \"specialises Machine Learning Engineer\", \"related to Registered Nurses (tier 1)\", \"shares Python, Docker and Git\", \"to learn: Kubernetes\".")
            .Reads(s => s.Move.Reasons);
    }
}

internal sealed class JobZoneChangeType : EnumGraphType
{
    public JobZoneChangeType()
    {
        Name = "JobZoneChange";
        Description = "How a move may change the preparation a career needs (O*NET job zone, 1 to 5).";
        Add("ANY", JobZoneChange.Any, "Any job zone, known or not.");
        Add("SAME_OR_LOWER", JobZoneChange.SameOrLower, "The same or a lower job zone: no more preparation. Careers without a job zone are left out.");
        Add("SAME_OR_HIGHER", JobZoneChange.SameOrHigher, "The same or a higher job zone: a step up. Careers without a job zone are left out.");
    }
}
