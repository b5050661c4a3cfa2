using CareerGraph.Api.Security;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>The write side of the API: each field is one change set, checked and applied by the store, then read back.</summary>
internal sealed class MutationType : ObjectGraphType
{
    public MutationType(ICareerGraphStore store)
    {
        Name = "Mutation";
        Description = "Curate the career graph. Every mutation needs a curator (an API key in X-Api-Key, or a bearer token with the curator role), "
            + "is applied all or nothing, and is recorded in the audit trail. A refused change comes back as userErrors and stores nothing.";
        this.AuthorizeWithRoles(Curators.Role);

        NodeFields<CareerPayloadType, CreateCareerInputType, UpdateCareerInputType>(store, NodeKind.Career, "Career", "a career");
        NodeFields<SkillPayloadType, CreateSkillInputType, UpdateSkillInputType>(store, NodeKind.Skill, "Skill", "a skill");
        NodeFields<IndustryPayloadType, CreateIndustryInputType, UpdateIndustryInputType>(store, NodeKind.Industry, "Industry", "an industry");

        Field<NonNullGraphType<EdgePayloadType>>("addEdge")
            .Description("Adds an edge of any kind with its properties, or replaces the properties of the edge of that kind between the same nodes.")
            .Argument<NonNullGraphType<AddEdgeInputType>>("input", "The edge.")
            .ResolveAsync(async c =>
            {
                var edge = EdgeFrom(Input(c));
                return await ApplyAsync(c, store, "input", new PutEdge(edge), async ct =>
                    new Payload((await store.GetEdgesAsync([edge.Source], edge.Kind, Direction.Outgoing, ct)).FirstOrDefault(e => e.Target == edge.Target), null, []));
            });

        Field<NonNullGraphType<EdgePayloadType>>("removeEdge")
            .Description("Removes an edge.")
            .Argument<NonNullGraphType<RemoveEdgeInputType>>("input", "The edge.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var (source, kind, target) = (input.String("source") ?? "", Enum.Parse<EdgeKind>(input.String("kind")!), input.String("target") ?? "");
                var existing = (await store.GetEdgesAsync([source], kind, Direction.Outgoing, c.CancellationToken)).FirstOrDefault(e => e.Target == target);
                return await ApplyAsync(c, store, "input", new RemoveEdge(source, kind, target), _ => Task.FromResult(new Payload(existing, null, [])));
            });

        Field<NonNullGraphType<AliasPayloadType>>("addAlias")
            .Description("Gives a career or skill another name it can be found by. One alias may name several nodes.")
            .Argument<NonNullGraphType<AliasInputType>>("input", "The alias.")
            .ResolveAsync(async c =>
            {
                var alias = AliasFrom(Input(c));
                return await ApplyAsync(c, store, "input", new AddAlias(alias), async ct =>
                    new Payload((await store.GetAliasesAsync([alias.TargetId], ct)).FirstOrDefault(a => a.Key == alias.Key), null, []));
            });

        Field<NonNullGraphType<AliasPayloadType>>("removeAlias")
            .Description("Removes an alias from a career or skill.")
            .Argument<NonNullGraphType<AliasInputType>>("input", "The alias.")
            .ResolveAsync(async c =>
            {
                var alias = AliasFrom(Input(c));
                var existing = (await store.GetAliasesAsync([alias.TargetId], c.CancellationToken)).FirstOrDefault(a => a.Key == alias.Key);
                return await ApplyAsync(c, store, "input", new RemoveAlias(alias), _ => Task.FromResult(new Payload(existing, null, [])));
            });

        Field<NonNullGraphType<MergeCareersPayloadType>>("mergeCareers")
            .Description("Merges one career into another: edges and aliases carry over to the survivor (where both had the same edge, the survivor's stays), "
                + "the old name becomes an alias, and the old id leads to the survivor from then on.")
            .Argument<NonNullGraphType<MergeCareersInputType>>("input", "The two careers.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var (from, into) = (input.String("from") ?? "", input.String("into") ?? "");
                return await ApplyAsync(c, store, "input", new MergeCareers(from, into), async ct =>
                    new Payload((await store.GetNodesAsync([into], ct)).FirstOrDefault(), from, []));
            });
    }

    private void NodeFields<TPayload, TCreate, TUpdate>(ICareerGraphStore store, NodeKind kind, string name, string what)
        where TPayload : IGraphType where TCreate : IGraphType where TUpdate : IGraphType
    {
        Field<NonNullGraphType<TPayload>>($"create{name}")
            .Description($"Creates {what}. Refused when the id or the name is taken.")
            .Argument<NonNullGraphType<TCreate>>("input", $"The new {name.ToLowerInvariant()}.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var patch = NodeInputs.Patch(input);
                var node = patch.Create(kind, input.String("id"));
                return await ApplyAsync(c, store, "input", new CreateNode(node), ct => ReadBackAsync(store, node.Id, ct));
            });

        Field<NonNullGraphType<TPayload>>($"update{name}")
            .Description($"Changes {what}: fields left out keep their value, fields set to null are cleared. Its edges and aliases stay.")
            .Argument<NonNullGraphType<TUpdate>>("input", "The changes.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var id = input.String("id") ?? "";
                var change = new PatchNode(id, kind, NodeInputs.Patch(input), input.String("expectedEtag"));
                return await ApplyAsync(c, store, "input", change, ct => ReadBackAsync(store, id, ct));
            });

        Field<NonNullGraphType<DeletePayloadType>>($"delete{name}")
            .Description($"Deletes {what} with all its edges and aliases. The audit trail keeps what was deleted.")
            .Argument<NonNullGraphType<IdGraphType>>("id", $"The id of the {name.ToLowerInvariant()}.")
            .ResolveAsync(async c =>
            {
                var id = c.GetArgument<string>("id");
                return await ApplyAsync(c, store, "", new DeleteNode(id, kind), _ => Task.FromResult(new Payload(null, id, [])));
            });
    }

    private static InputMap Input(IResolveFieldContext c) => new(c.GetArgument<Dictionary<string, object?>>("input"));

    private static async Task<Payload> ReadBackAsync(ICareerGraphStore store, string id, CancellationToken cancellationToken) =>
        new((await store.GetNodesAsync([id], cancellationToken)).FirstOrDefault(), null, []);

    /// <summary>Applies one change as the calling curator; a refusal becomes user errors with paths into the arguments.</summary>
    private static async Task<Payload> ApplyAsync(IResolveFieldContext c, ICareerGraphStore store, string prefix, Change change, Func<CancellationToken, Task<Payload>> answer)
    {
        if (!c.User.IsCurator()) // the access rule refuses such operations before they run; this is the second lock
            throw new ExecutionError("Changes need a curator credential.") { Code = ErrorCodes.Unauthenticated };
        try
        {
            await store.ApplyAsync(new ChangeSet(Curators.ActorOf(c.User!), [change]), c.CancellationToken);
        }
        catch (GraphRuleException refused)
        {
            return Payload.Refused(refused.Violations.Select(v => new UserError(v.Code, Path(prefix, v.Field), v.Message)));
        }
        c.Loaders().Forget(); // later fields of this request must see the change
        return await answer(c.CancellationToken);
    }

    private static string? Path(string prefix, string? field) =>
        field is null ? null : prefix.Length == 0 ? field : $"{prefix}.{field}";

    private static Edge EdgeFrom(InputMap input) =>
        new Edge(input.String("source") ?? "", input.String("target") ?? "", Enum.Parse<EdgeKind>(input.String("kind")!))
        {
            Importance = input.Double("importance"),
            Core = input.Bool("core"),
            Weight = input.Double("weight"),
            Tier = input.Int("tier"),
        };

    private static Alias AliasFrom(InputMap input) => new(input.String("name") ?? "", input.String("target") ?? "");
}

/// <summary>The fields a create or update input sets: a field left out is not in the patch, one set to null clears.</summary>
internal static class NodeInputs
{
    public static NodePatch Patch(InputMap input)
    {
        Patched<T>? Set<T>(string field, Func<string, T> read) => input.Has(field) ? new Patched<T>(read(field)) : null;
        return new NodePatch
        {
            Name = input.Has("name") ? input.String("name") ?? "" : null,
            Description = Set("description", input.String),
            Source = Set("source", input.String),
            Duties = input.Has("duties") ? input.Strings("duties") : null,
            Categories = input.Has("categories") ? input.Strings("categories") : null,
            SocCode = Set("socCode", input.String),
            JobZone = Set("jobZone", input.Int),
            Category = Set("category", input.String),
            Hot = input.Has("hot") ? input.Bool("hot") ?? false : null,
        };
    }
}
