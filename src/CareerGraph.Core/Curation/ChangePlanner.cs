using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Curation;

/// <summary>
/// Checks a change set against the graph as stored and works out its <see cref="ChangePlan"/>.
/// One implementation of the curation rules for every backend: a backend only executes plans.
/// </summary>
public static class ChangePlanner
{
    /// <summary>
    /// Applies the operations in order to a draft over <paramref name="stored"/>. Throws
    /// <see cref="GraphRuleException"/> with the problems of the first operation that breaks a rule.
    /// </summary>
    public static ChangePlan Plan(ChangeSet changes, IGraphFacts stored)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changes.Actor, nameof(changes));
        var draft = new Draft(stored);
        var audit = new List<AuditRecord>();
        foreach (var change in changes.Changes)
        {
            var problems = new List<RuleViolation>();
            var record = change switch
            {
                CreateNode c => Create(draft, c.Node, problems),
                UpdateNode u => Update(draft, u.Node.Id, u.Node.Kind, _ => u.Node, null, problems),
                PatchNode p => Update(draft, p.Id, p.Kind, p.Patch.ApplyTo, p.ExpectedEtag, problems),
                DeleteNode d => Delete(draft, d, problems),
                PutEdge p => Put(draft, p.Edge, problems),
                RemoveEdge r => Remove(draft, r, problems),
                AddAlias a => Add(draft, a.Alias, problems),
                RemoveAlias r => Remove(draft, r.Alias, problems),
                MergeCareers m => Merge(draft, m, problems),
                _ => throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(changes)),
            };
            if (problems.Count > 0) throw new GraphRuleException(problems);
            audit.Add(record!);
        }
        return draft.ToPlan(audit);
    }

    /// <summary>The ids and name keys a <see cref="GraphSlice"/> must cover for this change set.</summary>
    public static (IReadOnlySet<string> Ids, IReadOnlySet<string> NameKeys) Reach(ChangeSet changes)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Changes)
        {
            switch (change)
            {
                case CreateNode c: ids.Add(c.Node.Id); names.Add(Names.Key(c.Node.Name ?? "")); break;
                case UpdateNode u: ids.Add(u.Node.Id); names.Add(Names.Key(u.Node.Name ?? "")); break;
                case PatchNode p: ids.Add(p.Id); names.Add(Names.Key(p.Patch.Name ?? "")); break;
                case DeleteNode d: ids.Add(d.Id); break;
                case PutEdge p: ids.Add(p.Edge.Source); ids.Add(p.Edge.Target); break;
                case RemoveEdge r: ids.Add(r.Source); ids.Add(r.Target); break;
                case AddAlias a: ids.Add(a.Alias.TargetId); break;
                case RemoveAlias r: ids.Add(r.Alias.TargetId); break;
                case MergeCareers m: ids.Add(m.From); ids.Add(m.Into); break;
            }
        }
        return (ids, names);
    }

    private static AuditRecord? Create(Draft draft, GraphNode node, List<RuleViolation> problems)
    {
        if (draft.Node(node.Id) is { } existing)
            problems.Add(new(RuleCodes.DuplicateId, node.Id, $"The id '{node.Id}' is taken by the {Describe(existing)}; choose another id.") { Field = "id" });
        else if (draft.RedirectOf(node.Id) is { } survivor)
            problems.Add(new(RuleCodes.DuplicateId, node.Id, $"The id '{node.Id}' belonged to a career merged into '{survivor}' and still leads there; choose another id.") { Field = "id" });
        CheckNode(draft, node, problems);
        if (problems.Count > 0) return null;
        node = Normalised(node);
        draft.Put(node);
        return new(AuditOperation.CreateNode, [node.Id], $"Created the {Describe(node)}.", null, AuditJson.Node(node));
    }

    /// <summary>
    /// Replaces a node by <paramref name="change"/> of it as it is now: the merge of a partial update happens
    /// here, under the store's write lock, so no concurrent change is lost.
    /// </summary>
    private static AuditRecord? Update(Draft draft, string id, NodeKind kind, Func<GraphNode, GraphNode> change, string? expectedEtag, List<RuleViolation> problems)
    {
        var existing = draft.Node(id);
        if (existing is null)
        {
            problems.Add(new(RuleCodes.NotFound, id, $"There is no {Kind(kind)} with the id '{id}' to update.") { Field = "id" });
            return null;
        }
        if (existing.Kind != kind)
        {
            problems.Add(new(RuleCodes.WrongKind, id, $"'{id}' is a {Kind(existing.Kind)}, not a {Kind(kind)}; update it as a {Kind(existing.Kind)}.") { Field = "id" });
            return null;
        }
        if (expectedEtag is not null && expectedEtag != NodeEtag.Of(existing))
        {
            problems.Add(new(RuleCodes.Conflict, id,
                $"The {Describe(existing)} has changed since it was read (etag '{expectedEtag}', now '{NodeEtag.Of(existing)}'); read it again and reapply the change.")
            { Field = "expectedEtag" });
            return null;
        }
        var node = change(existing);
        CheckNode(draft, node, problems, nameChanged: Names.Key(node.Name ?? "") != Names.Key(existing.Name));
        if (problems.Count > 0) return null;
        node = Normalised(node);
        draft.Put(node);
        return new(AuditOperation.UpdateNode, [node.Id], $"Updated the {Describe(node)}.", AuditJson.Node(existing), AuditJson.Node(node));
    }

    private static AuditRecord? Delete(Draft draft, DeleteNode delete, List<RuleViolation> problems)
    {
        var id = delete.Id;
        var existing = draft.Node(id);
        if (existing is null)
        {
            problems.Add(new(RuleCodes.NotFound, id, $"There is no {(delete.Kind is { } k ? Kind(k) : "node")} with the id '{id}' to delete.") { Field = "id" });
            return null;
        }
        if (delete.Kind is { } kind && existing.Kind != kind)
        {
            problems.Add(new(RuleCodes.WrongKind, id, $"'{id}' is a {Kind(existing.Kind)}, not a {Kind(kind)}; delete it as a {Kind(existing.Kind)}.") { Field = "id" });
            return null;
        }
        var edges = AllEdges(draft, id);
        var aliases = draft.AliasesOf(id);
        var before = AuditJson.NodeWithLinks(existing, edges, aliases);
        foreach (var edge in edges) draft.Remove(edge);
        foreach (var alias in aliases) draft.Remove(alias);
        foreach (var redirect in draft.RedirectsTo(id)) draft.SetRedirect(redirect, null);
        draft.Remove(existing);
        return new(AuditOperation.DeleteNode, [id], $"Deleted the {Describe(existing)} with {edges.Count} edge(s) and {aliases.Count} alias(es).", before, null);
    }

    private static AuditRecord? Put(Draft draft, Edge edge, List<RuleViolation> problems)
    {
        edge = edge.WithDefaults();
        problems.AddRange(GraphRules.CheckEdge(edge, id => draft.Node(id)?.Kind));
        problems.AddRange(GraphRules.CheckEdgeProperties(edge));
        if (problems.Count == 0 && edge.Kind == EdgeKind.SpecialisationOf && GraphRules.Specialises(edge.Target, edge.Source, draft.ParentsOf))
            problems.Add(new(RuleCodes.SpecialisationCycle, edge.Id,
                $"'{edge.Target}' already specialises '{edge.Source}' (directly or through others), so '{edge.Source}' cannot specialise it: that would be a cycle.")
            { Field = "target" });
        if (problems.Count > 0) return null;
        var existing = draft.Edge(edge.Source, edge.Kind, edge.Target);
        draft.Put(edge);
        return new(AuditOperation.PutEdge, [edge.Source, edge.Target],
            existing is null ? $"Linked {edge.Id}." : $"Changed the properties of {edge.Id}.",
            existing is null ? null : AuditJson.Edge(existing), AuditJson.Edge(edge));
    }

    private static AuditRecord? Remove(Draft draft, RemoveEdge change, List<RuleViolation> problems)
    {
        var existing = draft.Edge(change.Source, change.Kind, change.Target);
        if (existing is null)
        {
            var id = new Edge(change.Source, change.Target, change.Kind).Id;
            problems.Add(new(RuleCodes.NotFound, id, $"There is no edge {id} to remove.") { Field = "target" });
            return null;
        }
        draft.Remove(existing);
        return new(AuditOperation.RemoveEdge, [existing.Source, existing.Target], $"Removed {existing.Id}.", AuditJson.Edge(existing), null);
    }

    private static AuditRecord? Add(Draft draft, Alias alias, List<RuleViolation> problems)
    {
        problems.AddRange(GraphRules.CheckAlias(alias, id => draft.Node(id)?.Kind));
        if (problems.Count > 0) return null;
        alias = alias with { Name = alias.Name.Trim() };
        var existing = draft.AliasesOf(alias.TargetId).FirstOrDefault(a => a.Key == alias.Key);
        draft.Put(alias);
        return new(AuditOperation.AddAlias, [alias.TargetId], $"Added the alias '{alias.Name}' to '{alias.TargetId}'.",
            existing is null ? null : AuditJson.Alias(existing), AuditJson.Alias(alias));
    }

    private static AuditRecord? Remove(Draft draft, Alias alias, List<RuleViolation> problems)
    {
        var existing = draft.AliasesOf(alias.TargetId).FirstOrDefault(a => a.Key == alias.Key);
        if (existing is null)
        {
            problems.Add(new(RuleCodes.NotFound, $"alias '{alias.Name}'", $"'{alias.TargetId}' has no alias '{alias.Name}' to remove.") { Field = "name" });
            return null;
        }
        draft.Remove(existing);
        return new(AuditOperation.RemoveAlias, [alias.TargetId], $"Removed the alias '{existing.Name}' from '{alias.TargetId}'.", AuditJson.Alias(existing), null);
    }

    private static AuditRecord? Merge(Draft draft, MergeCareers merge, List<RuleViolation> problems)
    {
        var from = CareerFor(draft, merge.From, "from", problems);
        var into = CareerFor(draft, merge.Into, "into", problems);
        if (from is null || into is null) return null;
        if (from.Id == into.Id)
        {
            problems.Add(new(RuleCodes.SelfLink, from.Id, $"A career cannot be merged into itself; name two different careers.") { Field = "into" });
            return null;
        }

        var edges = AllEdges(draft, from.Id);
        var aliases = draft.AliasesOf(from.Id);
        var before = AuditJson.NodeWithLinks(from, edges, aliases);
        var (carriedEdges, carriedAliases) = (0, 0);
        foreach (var edge in edges)
        {
            draft.Remove(edge);
            var moved = edge with { Source = edge.Source == from.Id ? into.Id : edge.Source, Target = edge.Target == from.Id ? into.Id : edge.Target };
            if (moved.Source == moved.Target || draft.Edge(moved.Source, moved.Kind, moved.Target) is not null) continue;
            draft.Put(moved);
            carriedEdges++;
        }
        foreach (var alias in aliases) draft.Remove(alias);
        var intoKeys = draft.AliasesOf(into.Id).Select(a => a.Key).Append(Names.Key(into.Name)).ToHashSet();
        foreach (var name in aliases.Select(a => a.Name).Prepend(from.Name))
        {
            var moved = new Alias(name, into.Id);
            if (!intoKeys.Add(moved.Key)) continue;
            draft.Put(moved);
            carriedAliases++;
        }
        foreach (var redirect in draft.RedirectsTo(from.Id)) draft.SetRedirect(redirect, into.Id);
        draft.SetRedirect(from.Id, into.Id);
        draft.Remove(from);

        if (GraphRules.Specialises(into.Id, into.Id, draft.ParentsOf))
        {
            problems.Add(new(RuleCodes.SpecialisationCycle, into.Id,
                $"Merging '{from.Id}' into '{into.Id}' would make '{into.Id}' a specialisation of itself; remove the SPECIALISATION_OF edge between their families first.")
            { Field = "into" });
            return null;
        }
        return new(AuditOperation.MergeCareers, [from.Id, into.Id],
            $"Merged the career '{from.Id}' into '{into.Id}': {carriedEdges} edge(s) and {carriedAliases} alias(es) carried over; '{from.Id}' now leads to '{into.Id}'.",
            before, AuditJson.NodeWithLinks(into, AllEdges(draft, into.Id), draft.AliasesOf(into.Id)));
    }

    private static Career? CareerFor(Draft draft, string id, string field, List<RuleViolation> problems)
    {
        switch (draft.Node(id))
        {
            case Career career:
                return career;
            case { } other:
                problems.Add(new(RuleCodes.WrongKind, id, $"'{id}' is a {Kind(other.Kind)}; only careers can be merged.") { Field = field });
                return null;
            default:
                var hint = draft.RedirectOf(id) is { } survivor ? $" It was merged into '{survivor}' already." : "";
                problems.Add(new(RuleCodes.NotFound, id, $"There is no career with the id '{id}'.{hint}") { Field = field });
                return null;
        }
    }

    /// <summary>
    /// The node's own rules, and a name no other node of its kind has. A name kept as it was is not checked again:
    /// a backend that reads only a slice of the graph could not see the other holder of it.
    /// </summary>
    private static void CheckNode(Draft draft, GraphNode node, List<RuleViolation> problems, bool nameChanged = true)
    {
        problems.AddRange(GraphRules.CheckNode(node));
        if (!nameChanged || string.IsNullOrWhiteSpace(node.Name)) return;
        var twin = draft.NodesNamed(Names.Key(node.Name)).FirstOrDefault(n => n.Kind == node.Kind && n.Id != node.Id);
        if (twin is not null)
            problems.Add(new(RuleCodes.DuplicateName, node.Id,
                $"The {Kind(node.Kind)} '{twin.Id}' is already called '{twin.Name}'; give this one another name, or add the name as an alias instead.")
            { Field = "name" });
    }

    /// <summary>Stored names are trimmed; a career's specialisation flag is derived from its edges, never stored.</summary>
    private static GraphNode Normalised(GraphNode node) => node switch
    {
        Career c => c with { Name = c.Name.Trim(), IsSpecialisation = false },
        _ => node with { Name = node.Name.Trim() },
    };

    private static IReadOnlyList<Edge> AllEdges(IGraphFacts graph, string id) =>
        [.. Enum.GetValues<EdgeKind>().SelectMany(kind => graph.Edges(id, kind, Direction.Both)).DistinctBy(e => e.Id)];

    private static string Kind(NodeKind kind) => kind.ToString().ToLowerInvariant();
    private static string Describe(GraphNode node) => $"{Kind(node.Kind)} '{node.Id}' ({node.Name})";
}
