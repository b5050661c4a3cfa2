using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class NodeInterface : InterfaceGraphType<GraphNode>
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Anything in the career graph with a global id: a career, a skill or an industry.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Stable, readable id (a slug such as \"mlops-engineer\"), unique across all kinds.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Display name.");
        Field<NonNullGraphType<NodeKindType>>("kind").Description("Which kind of node this is.");
        Field<StringGraphType>("description").Description("A short description in plain words.");
        Field<StringGraphType>("source").Description("Where the facts come from: career-page, curated or onet.");
        Field<NonNullGraphType<StringGraphType>>("etag").Description(EtagDescription);
    }

    internal const string EtagDescription = "This node's version: changes whenever any of its own fields changes (not its edges or aliases). "
        + "Give it as expectedEtag to an update to have the update refused with CONFLICT if someone changed the node since you read it.";
}

/// <summary>Fields every node type has, declared once.</summary>
internal static class NodeFields
{
    public static void AddCommon<T>(ObjectGraphType<T> type) where T : GraphNode
    {
        type.Interface<NodeInterface>();
        type.IsTypeOf = o => o is T;
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("Stable, readable id (a slug), unique across all kinds.").Reads(s => s.Id);
        type.Field<NonNullGraphType<StringGraphType>>("name").Description("Display name.").Reads(s => s.Name);
        type.Field<NonNullGraphType<NodeKindType>>("kind").Description("Which kind of node this is.").Reads(s => s.Kind);
        type.Field<StringGraphType>("description").Description("A short description in plain words.").Reads(s => s.Description);
        type.Field<StringGraphType>("source").Description("Where the facts come from: career-page, curated or onet.").Reads(s => s.Source);
        type.Field<NonNullGraphType<StringGraphType>>("etag").Description(NodeInterface.EtagDescription).Resolve(c => NodeEtag.Of(c.Source));
    }

    /// <summary>The execution's loaders, made once per execution with its user context (<see cref="LoadersUserContext"/>).</summary>
    public static GraphLoaders Loaders(this IResolveFieldContext context) =>
        context.UserContext is LoadersUserContext known
            ? known.Loaders
            : throw new InvalidOperationException("This execution has no loaders: ExecutionSettings puts them in the user context as each execution starts.");

    public static void AddAliases<T>(ObjectGraphType<T> type) where T : GraphNode =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Other names this is known by. An alias may name several nodes.")
            .Resolve(c => c.Loaders().Aliases(c.Source.Id).Then(aliases => aliases.Select(a => a.Name).ToList()));
}

internal sealed class CareerType : ObjectGraphType<Career>
{
    public CareerType()
    {
        Name = "Career";
        Description = "A career (occupation). A career that specialises another is a specialisation.";
        NodeFields.AddCommon(this);
        NodeFields.AddAliases(this);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("duties").Description("What people in this career do.").Reads(s => s.Duties);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("categories").Description("Career categories this career is listed under, e.g. \"Computer, AI & Data\".").Reads(s => s.Categories);
        Field<StringGraphType>("socCode").Description("O*NET-SOC occupation code, for careers imported from O*NET.").Reads(s => s.SocCode);
        Field<IntGraphType>("jobZone").Description("O*NET job zone: 1 (little preparation) to 5 (extensive preparation).").Reads(s => s.JobZone);
        Field<NonNullGraphType<BooleanGraphType>>("isSpecialisation").Description("True when this career specialises a broader one.").Reads(s => s.IsSpecialisation);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillRequirementType>>>>("skills")
            .Description("Skills this career requires, most important first.")
            .Resolve(c => c.Loaders().ListedEdges(c.Source.Id, EdgeKind.Requires, Direction.Outgoing));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndustryType>>>>("industries")
            .Description("Industries this career works in.")
            .Resolve(c => c.Loaders().Neighbours<Industry>(c.Source.Id, EdgeKind.InIndustry, Direction.Outgoing));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerType>>>>("specialisations")
            .Description("Narrower careers that specialise this one.")
            .Resolve(c => c.Loaders().Neighbours<Career>(c.Source.Id, EdgeKind.SpecialisationOf, Direction.Incoming));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerType>>>>("specialisationOf")
            .Description("Broader careers this one specialises (usually one).")
            .Resolve(c => c.Loaders().Neighbours<Career>(c.Source.Id, EdgeKind.SpecialisationOf, Direction.Outgoing));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeeAlsoType>>>>("seeAlso")
            .Description("Related careers this career points to, strongest first.")
            .Resolve(c => c.Loaders().ListedEdges(c.Source.Id, EdgeKind.SeeAlso, Direction.Outgoing)
                .Then(edges => edges.Select(e => new SeeAlso(e, e.Target)).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeeAlsoType>>>>("seeAlsoFrom")
            .Description("Careers that point to this one as related, strongest first.")
            .Resolve(c => c.Loaders().ListedEdges(c.Source.Id, EdgeKind.SeeAlso, Direction.Incoming)
                .Then(edges => edges.Select(e => new SeeAlso(e, e.Source)).ToList()));
    }
}

/// <summary>A SEE_ALSO edge seen from one end; <see cref="CareerId"/> is the other end.</summary>
internal sealed record SeeAlso(Edge Edge, string CareerId);

internal sealed class SeeAlsoType : ObjectGraphType<SeeAlso>
{
    public SeeAlsoType()
    {
        Name = "SeeAlso";
        Description = "A related career and how strongly it is related.";
        Field<NonNullGraphType<CareerType>>("career").Description("The related career.")
            .Resolve(c => c.Loaders().Node(c.Source.CareerId));
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("Strength of the relation, greater than 0 and at most 1.").Reads(s => s.Edge.Strength);
        Field<IntGraphType>("tier").Description("1 for the closest relations, 2 and up for looser ones.").Reads(s => s.Edge.Tier);
        Field<StringGraphType>("reason").Description("Why the careers are linked when it is not obvious, e.g. the job titles they share; null otherwise.").Reads(s => s.Edge.Reason);
    }
}

internal sealed class SkillRequirementType : ObjectGraphType<Edge>
{
    public SkillRequirementType()
    {
        Name = "SkillRequirement";
        Description = "A skill a career requires (a REQUIRES edge).";
        Field<NonNullGraphType<SkillType>>("skill").Description("The skill.").Resolve(c => c.Loaders().Node(c.Source.Target));
        Field<NonNullGraphType<FloatGraphType>>("importance").Description("How important the skill is to the career, 0 to 1.").Reads(s => s.Importance ?? EdgeDefaults.Importance);
        Field<NonNullGraphType<BooleanGraphType>>("core").Description("True for a core skill, false for an optional one.").Reads(s => s.Core ?? EdgeDefaults.Core);
    }
}

internal sealed class SkillUseType : ObjectGraphType<Edge>
{
    public SkillUseType()
    {
        Name = "SkillUse";
        Description = "A career that requires a skill (a REQUIRES edge seen from the skill).";
        Field<NonNullGraphType<CareerType>>("career").Description("The career.").Resolve(c => c.Loaders().Node(c.Source.Source));
        Field<NonNullGraphType<FloatGraphType>>("importance").Description("How important the skill is to the career, 0 to 1.").Reads(s => s.Importance ?? EdgeDefaults.Importance);
        Field<NonNullGraphType<BooleanGraphType>>("core").Description("True for a core skill of the career, false for an optional one.").Reads(s => s.Core ?? EdgeDefaults.Core);
    }
}

internal sealed class SkillType : ObjectGraphType<Skill>
{
    public SkillType()
    {
        Name = "Skill";
        Description = "A skill, tool or technology (Python, TensorFlow, statistics …).";
        NodeFields.AddCommon(this);
        NodeFields.AddAliases(this);
        Field<StringGraphType>("category").Description("A grouping such as \"Programming language\" or an O*NET commodity title.").Reads(s => s.Category);
        Field<NonNullGraphType<BooleanGraphType>>("hot").Description("O*NET's hot-technology flag: often named in current job postings.").Reads(s => s.Hot);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SkillUseType>>>>("requiredBy")
            .Description("Careers that require this skill, where it matters most first.")
            .Argument<IntGraphType>("first", a => { a.Description = "At most this many (1–500)."; a.DefaultValue = 100; })
            .Resolve(c =>
            {
                var first = Arguments.Bounded(c.GetArgument("first", 100), "first", 1, 500);
                return c.Loaders().ListedEdges(c.Source.Id, EdgeKind.Requires, Direction.Incoming)
                    .Then(edges => edges.Take(first).ToList());
            });
    }
}

internal sealed class IndustryType : ObjectGraphType<Industry>
{
    public IndustryType()
    {
        Name = "Industry";
        Description = "An industry careers work in.";
        NodeFields.AddCommon(this);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerType>>>>("careers")
            .Description("Careers in this industry, by name.")
            .Resolve(c => c.Loaders().Neighbours<Career>(c.Source.Id, EdgeKind.InIndustry, Direction.Incoming)
                .Then(careers => careers.OrderBy(x => x.Name, StringComparer.OrdinalIgnoreCase).ToList()));
    }
}
