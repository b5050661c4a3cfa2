using CareerGraph.Curation;
using CareerGraph.Model;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>A refused change: a stable code, the input field at fault (e.g. "input.name"), and what to do.</summary>
internal sealed record UserError(string Code, string? Field, string Message);

/// <summary>What a mutation answers: the changed object (null when refused), an id where one is the answer, and user errors.</summary>
internal sealed record Payload(object? Value, string? Id, IReadOnlyList<UserError> UserErrors)
{
    public static Payload Refused(IEnumerable<UserError> errors) => new(null, null, [.. errors]);
}

internal sealed class UserErrorCodeType : EnumerationGraphType
{
    public UserErrorCodeType()
    {
        Name = "UserErrorCode";
        Description = "Why a change was refused. Codes are stable; messages may be reworded.";
        Add(RuleCodes.InvalidId, "An id is not a slug: lower-case letters and digits in hyphen-separated words, at most 64 characters.");
        Add(RuleCodes.DuplicateId, "The id is taken by another node, or by a career merged away.");
        Add(RuleCodes.DuplicateName, "Another node of the same kind already has this name (compared ignoring case and spacing).");
        Add(RuleCodes.NameRequired, "A name (or duty, or alias) is empty.");
        Add(RuleCodes.TextTooLong, "A text is longer than its limit.");
        Add(RuleCodes.TooManyItems, "A list (duties, categories) has more items than its limit.");
        Add(RuleCodes.UnknownReference, "An edge or alias names a node that does not exist.");
        Add(RuleCodes.WrongKind, "A node is of the wrong kind for this change (e.g. a skill where a career is needed).");
        Add(RuleCodes.SelfLink, "A node would be linked to, or merged into, itself.");
        Add(RuleCodes.OutOfRange, "A number is outside its range: importance 0–1, weight (0–1], tier 1–9, job zone 1–5.");
        Add(RuleCodes.SpecialisationCycle, "The change would make a career a specialisation of itself.");
        Add(RuleCodes.NotFound, "The node, edge or alias to change is not there.");
        Add(RuleCodes.PropertyNotAllowed, "A property was given that this kind of edge does not have.");
        Add(RuleCodes.Conflict, "The node has changed since it was read (its etag is not expectedEtag); read it again and reapply the change.");
    }

    private void Add(string code, string description) => Add(new EnumValueDefinition(code, code) { Description = description });
}

internal sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a change was refused. Nothing of a refused change is stored.";
        Field<NonNullGraphType<UserErrorCodeType>>("code").Description("What rule the change broke.").Reads(s => s.Code);
        Field<StringGraphType>("field").Description("The argument or input field at fault, as a path such as \"input.name\"; null when the error concerns the whole change.").Reads(s => s.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong and how to fix it, in plain words.").Reads(s => s.Message);
    }
}

/// <summary>A payload with one changed object, named <paramref name="field"/>, and the user errors.</summary>
internal abstract class PayloadType<TValueType> : ObjectGraphType<Payload> where TValueType : IGraphType
{
    protected PayloadType(string name, string field, string description, string valueDescription)
    {
        Name = name;
        Description = description;
        Field<TValueType>(field).Description(valueDescription).Reads(s => s.Value);
        this.AddUserErrors();
    }
}

internal static class PayloadFields
{
    /// <summary>The field every payload ends with.</summary>
    public static void AddUserErrors(this ObjectGraphType<Payload> type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors")
            .Description("Why the change was refused; empty when it was applied.").Reads(s => s.UserErrors);
}

internal sealed class CareerPayloadType() : PayloadType<CareerType>("CareerPayload", "career", "The result of creating or updating a career.", "The career as stored after the change; null when the change was refused.");
internal sealed class SkillPayloadType() : PayloadType<SkillType>("SkillPayload", "skill", "The result of creating or updating a skill.", "The skill as stored after the change; null when the change was refused.");
internal sealed class IndustryPayloadType() : PayloadType<IndustryType>("IndustryPayload", "industry", "The result of creating or updating an industry.", "The industry as stored after the change; null when the change was refused.");

internal sealed class DeletePayloadType : ObjectGraphType<Payload>
{
    public DeletePayloadType()
    {
        Name = "DeletePayload";
        Description = "The result of deleting a node, which takes its edges and aliases with it.";
        Field<IdGraphType>("deletedId").Description("The id of the deleted node; null when the change was refused.").Reads(s => s.Id);
        this.AddUserErrors();
    }
}

internal sealed class EdgePayloadType : ObjectGraphType<Payload>
{
    public EdgePayloadType()
    {
        Name = "EdgePayload";
        Description = "The result of adding, changing or removing an edge.";
        Field<GraphEdgeType>("edge").Description("addEdge: the edge as stored now. removeEdge: the edge as it was before it was removed. Null when the change was refused.").Reads(s => s.Value);
        Field<NodeInterface>("source").Description("The node the edge starts at.").Resolve(c => c.Source.Value is Edge e ? c.Loaders().Node(e.Source) : null);
        Field<NodeInterface>("target").Description("The node the edge ends at.").Resolve(c => c.Source.Value is Edge e ? c.Loaders().Node(e.Target) : null);
        this.AddUserErrors();
    }
}

internal sealed class AliasPayloadType : ObjectGraphType<Payload>
{
    public AliasPayloadType()
    {
        Name = "AliasPayload";
        Description = "The result of adding or removing an alias.";
        Field<StringGraphType>("alias").Description("The alias as stored (addAlias) or as it was (removeAlias); null when the change was refused.").Resolve(c => (c.Source.Value as Alias)?.Name);
        Field<NodeInterface>("node").Description("The career or skill the alias names.").Resolve(c => c.Source.Value is Alias a ? c.Loaders().Node(a.TargetId) : null);
        this.AddUserErrors();
    }
}

internal sealed class MergeCareersPayloadType : ObjectGraphType<Payload>
{
    public MergeCareersPayloadType()
    {
        Name = "MergeCareersPayload";
        Description = "The result of merging one career into another.";
        Field<CareerType>("career").Description("The surviving career, with the edges and aliases it gained; null when the change was refused.").Reads(s => s.Value);
        Field<IdGraphType>("mergedId").Description("The id merged away; it now leads to the survivor in career(id:), node(id:) and every reference argument.").Reads(s => s.Id);
        this.AddUserErrors();
    }
}

internal sealed class AuditOperationType : EnumGraphType
{
    public AuditOperationType()
    {
        Name = "AuditOperation";
        Description = "What kind of change an audit entry records.";
        Add("CREATE_NODE", AuditOperation.CreateNode, "A career, skill or industry was created.");
        Add("UPDATE_NODE", AuditOperation.UpdateNode, "A node's name or properties were changed.");
        Add("DELETE_NODE", AuditOperation.DeleteNode, "A node was deleted with its edges and aliases.");
        Add("PUT_EDGE", AuditOperation.PutEdge, "An edge was added, or its properties changed.");
        Add("REMOVE_EDGE", AuditOperation.RemoveEdge, "An edge was removed.");
        Add("ADD_ALIAS", AuditOperation.AddAlias, "An alias was added.");
        Add("REMOVE_ALIAS", AuditOperation.RemoveAlias, "An alias was removed.");
        Add("MERGE_CAREERS", AuditOperation.MergeCareers, "A career was merged into another.");
    }
}

internal sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One accepted change in the audit trail.";
        Field<NonNullGraphType<IntGraphType>>("sequence").Description("Position in the order of all changes; increases with every change.").Resolve(c => checked((int)c.Source.Sequence));
        Field<NonNullGraphType<StringGraphType>>("at").Description("When the change was stored: ISO 8601, UTC.").Reads(s => s.At.UtcDateTime.ToString("O"));
        Field<NonNullGraphType<StringGraphType>>("actor").Description("Who made the change: \"key:NAME\" for an API key, \"jwt:USER\" for a bearer token.").Reads(s => s.Actor);
        Field<NonNullGraphType<AuditOperationType>>("operation").Description("What kind of change it was.").Reads(s => s.Operation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("nodeIds").Description("The nodes the change concerns.").Reads(s => s.NodeIds);
        Field<NonNullGraphType<StringGraphType>>("summary").Description("The change in one sentence.").Reads(s => s.Summary);
        Field<StringGraphType>("before").Description("The state before, as JSON; null when there was nothing (e.g. a creation).").Reads(s => s.Before);
        Field<StringGraphType>("after").Description("The state after, as JSON; null when nothing is left (e.g. a deletion).").Reads(s => s.After);
    }
}
