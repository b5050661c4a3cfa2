namespace CareerGraph.Model;

/// <summary>A broken rule: a stable code, the node or edge it concerns, and a message that says how to fix it.</summary>
public sealed record RuleViolation(string Code, string Subject, string Message)
{
    /// <summary>The property at fault ("name", "target", "importance" …), where the rule concerns one.</summary>
    public string? Field { get; init; }
}

/// <summary>Stable codes for broken graph rules, shared by seeds, imports and mutations.</summary>
public static class RuleCodes
{
    public const string InvalidId = "INVALID_ID";
    public const string DuplicateId = "DUPLICATE_ID";
    public const string NameRequired = "NAME_REQUIRED";
    public const string TextTooLong = "TEXT_TOO_LONG";
    public const string UnknownReference = "UNKNOWN_REFERENCE";
    public const string WrongKind = "WRONG_KIND";
    public const string SelfLink = "SELF_LINK";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string SpecialisationCycle = "SPECIALISATION_CYCLE";
    public const string TooManyItems = "TOO_MANY_ITEMS";
    public const string DuplicateName = "DUPLICATE_NAME";
    public const string NotFound = "NOT_FOUND";
    public const string PropertyNotAllowed = "PROPERTY_NOT_ALLOWED";
    public const string Conflict = "CONFLICT";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string AmbiguousReference = "AMBIGUOUS_REFERENCE";
}

/// <summary>
/// The rules a graph must keep, checked before anything is stored. The document is checked
/// together with what the store already holds (<paramref name="existingKind"/>), so a batch may
/// link to nodes stored earlier.
/// </summary>
public static class GraphRules
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxDutyLength = 1000;
    public const int MaxDuties = 100;
    public const int MaxCategories = 20;
    public const int MaxCodeLength = 20;

    public static IReadOnlyList<RuleViolation> Check(
        GraphDocument document,
        Func<string, NodeKind?>? existingKind = null,
        Func<string, IEnumerable<string>>? existingParents = null)
    {
        var problems = new List<RuleViolation>();
        var kinds = new Dictionary<string, NodeKind>(StringComparer.Ordinal);

        foreach (var node in document.Nodes)
        {
            if (!kinds.TryAdd(node.Id, node.Kind))
                problems.Add(new(RuleCodes.DuplicateId, node.Id, $"The id '{node.Id}' is used by more than one node; ids must be unique across careers, skills and industries.") { Field = "id" });
            else if (existingKind?.Invoke(node.Id) is { } stored && stored != node.Kind)
                problems.Add(new(RuleCodes.WrongKind, node.Id,
                    $"'{node.Id}' is stored as a {stored.ToString().ToLowerInvariant()}; a node keeps its kind, so give this {node.Kind.ToString().ToLowerInvariant()} another id.")
                { Field = "id" });
            problems.AddRange(CheckNode(node));
        }

        NodeKind? KindOf(string id) => kinds.TryGetValue(id, out var k) ? k : existingKind?.Invoke(id);

        foreach (var edge in document.Edges)
            problems.AddRange(CheckEdge(edge, KindOf));

        foreach (var alias in document.Aliases)
            problems.AddRange(CheckAlias(alias, KindOf));

        problems.AddRange(FindSpecialisationCycles(document.Edges, existingParents));
        return problems;
    }

    /// <summary>Id format, text lengths, list sizes and ranges of one node.</summary>
    public static IReadOnlyList<RuleViolation> CheckNode(GraphNode node)
    {
        var problems = new List<RuleViolation>();
        if (!Names.IsValidId(node.Id))
            problems.Add(new(RuleCodes.InvalidId, node.Id,
                $"'{node.Id}' is not a valid id: use lower-case letters and digits in hyphen-separated words, at most {Names.MaxIdLength} characters (e.g. '{Names.Slug(node.Name ?? "machine learning engineer")}').")
            { Field = "id" });
        CheckText(problems, node.Id, "name", node.Name, MaxNameLength, required: true);
        CheckText(problems, node.Id, "description", node.Description, MaxDescriptionLength);
        CheckText(problems, node.Id, "source", node.Source, MaxNameLength);
        switch (node)
        {
            case Career career:
                CheckList(problems, node.Id, "duties", career.Duties, MaxDuties, MaxDutyLength);
                CheckList(problems, node.Id, "categories", career.Categories, MaxCategories, MaxNameLength);
                CheckText(problems, node.Id, "socCode", career.SocCode, MaxCodeLength);
                if (career.JobZone is < 1 or > 5)
                    problems.Add(new(RuleCodes.OutOfRange, node.Id, $"Job zone {career.JobZone} of '{node.Id}' is out of range: use 1 (little preparation) to 5 (extensive preparation).") { Field = "jobZone" });
                break;
            case Skill skill:
                CheckText(problems, node.Id, "category", skill.Category, MaxNameLength);
                break;
        }
        return problems;
    }

    /// <summary>An alias has some text and names a career or skill.</summary>
    public static IReadOnlyList<RuleViolation> CheckAlias(Alias alias, Func<string, NodeKind?> kindOf)
    {
        var problems = new List<RuleViolation>();
        var subject = $"alias '{alias.Name}'";
        CheckText(problems, subject, "name", alias.Name, MaxNameLength, required: true);
        var kind = kindOf(alias.TargetId);
        if (kind is null)
            problems.Add(new(RuleCodes.UnknownReference, subject, $"The alias '{alias.Name}' names '{alias.TargetId}', which is not a career or skill id.") { Field = "target" });
        else if (kind == NodeKind.Industry)
            problems.Add(new(RuleCodes.WrongKind, subject, $"The alias '{alias.Name}' names the industry '{alias.TargetId}'; aliases name careers or skills.") { Field = "target" });
        return problems;
    }

    /// <summary>Only the properties of its kind are set on an edge: importance and core on REQUIRES, weight, tier and reason on SEE_ALSO.</summary>
    public static IReadOnlyList<RuleViolation> CheckEdgeProperties(Edge edge)
    {
        var problems = new List<RuleViolation>();
        void NotAllowed(string field, object? value, EdgeKind owner)
        {
            if (value is not null)
                problems.Add(new(RuleCodes.PropertyNotAllowed, edge.Id,
                    $"{edge.Kind.Code()} edges have no {field}; only {owner.Code()} edges do. Leave '{field}' out.")
                { Field = field });
        }
        if (edge.Kind != EdgeKind.Requires) { NotAllowed("importance", edge.Importance, EdgeKind.Requires); NotAllowed("core", edge.Core, EdgeKind.Requires); }
        if (edge.Kind != EdgeKind.SeeAlso) { NotAllowed("weight", edge.Weight, EdgeKind.SeeAlso); NotAllowed("tier", edge.Tier, EdgeKind.SeeAlso); NotAllowed("reason", edge.Reason, EdgeKind.SeeAlso); }
        return problems;
    }

    /// <summary>True when <paramref name="ancestor"/> is reached from <paramref name="id"/> by following SPECIALISATION_OF upwards.</summary>
    public static bool Specialises(string id, string ancestor, Func<string, IEnumerable<string>> parentsOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Stack<string>(parentsOf(id));
        while (frontier.Count > 0)
        {
            var next = frontier.Pop();
            if (next == ancestor) return true;
            if (seen.Add(next))
                foreach (var parent in parentsOf(next)) frontier.Push(parent);
        }
        return false;
    }

    /// <summary>Both ends exist and are of the right kinds, no self-link, properties in range.</summary>
    public static IReadOnlyList<RuleViolation> CheckEdge(Edge edge, Func<string, NodeKind?> kindOf)
    {
        var problems = new List<RuleViolation>();
        var (sourceKind, targetKind) = edge.Kind switch
        {
            EdgeKind.Requires => (NodeKind.Career, NodeKind.Skill),
            EdgeKind.InIndustry => (NodeKind.Career, NodeKind.Industry),
            _ => (NodeKind.Career, NodeKind.Career),
        };
        CheckEnd(problems, edge, "source", edge.Source, sourceKind, kindOf);
        CheckEnd(problems, edge, "target", edge.Target, targetKind, kindOf);
        if (edge.Source == edge.Target)
            problems.Add(new(RuleCodes.SelfLink, edge.Id, $"'{edge.Source}' cannot be linked to itself by {edge.Kind.Code()}.") { Field = "target" });
        if (edge.Importance is { } importance && importance is < 0 or > 1 || double.IsNaN(edge.Importance ?? 0))
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Importance {edge.Importance} is out of range: use a number from 0 to 1.") { Field = "importance" });
        if (edge.Weight is { } weight && weight is <= 0 or > 1 || double.IsNaN(edge.Weight ?? 1))
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Weight {edge.Weight} is out of range: use a number greater than 0 and at most 1.") { Field = "weight" });
        if (edge.Tier is < 1 or > 9)
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Tier {edge.Tier} is out of range: use 1 (closest) to 9.") { Field = "tier" });
        return problems;
    }

    private static void CheckEnd(List<RuleViolation> problems, Edge edge, string field, string id, NodeKind expected, Func<string, NodeKind?> kindOf)
    {
        var actual = kindOf(id);
        if (actual is null)
            problems.Add(new(RuleCodes.UnknownReference, edge.Id, $"{edge.Kind.Code()} refers to '{id}', which is not a known {expected.ToString().ToLowerInvariant()} id.") { Field = field });
        else if (actual != expected)
            problems.Add(new(RuleCodes.WrongKind, edge.Id, $"{edge.Kind.Code()} needs a {expected.ToString().ToLowerInvariant()} at '{id}', which is a {actual.ToString()!.ToLowerInvariant()}.") { Field = field });
    }

    private static void CheckText(List<RuleViolation> problems, string subject, string field, string? text, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(text))
            problems.Add(new(RuleCodes.NameRequired, subject, $"The {field} of '{subject}' is empty; give it some text.") { Field = field });
        else if (text is { Length: var length } && length > max)
            problems.Add(new(RuleCodes.TextTooLong, subject, $"The {field} of '{subject}' has {length} characters; the limit is {max}.") { Field = field });
    }

    private static void CheckList(List<RuleViolation> problems, string subject, string field, IReadOnlyList<string> items, int maxItems, int maxLength)
    {
        if (items.Count > maxItems)
            problems.Add(new(RuleCodes.TooManyItems, subject, $"'{subject}' has {items.Count} {field}; the limit is {maxItems}.") { Field = field });
        foreach (var item in items.Take(maxItems))
            CheckText(problems, subject, field, item, maxLength, required: true);
    }

    /// <summary>A career may specialise a broader one, but never (through others) itself.</summary>
    private static IEnumerable<RuleViolation> FindSpecialisationCycles(
        IEnumerable<Edge> edges, Func<string, IEnumerable<string>>? existingParents)
    {
        var parents = edges.Where(e => e.Kind == EdgeKind.SpecialisationOf && e.Source != e.Target)
            .ToLookup(e => e.Source, e => e.Target);
        IEnumerable<string> ParentsOf(string id) =>
            parents[id].Concat(existingParents?.Invoke(id) ?? []).Distinct();

        foreach (var start in parents.Select(g => g.Key))
        {
            var seen = new HashSet<string>();
            var frontier = new Stack<string>(ParentsOf(start));
            while (frontier.Count > 0)
            {
                var id = frontier.Pop();
                if (id == start)
                {
                    yield return new(RuleCodes.SpecialisationCycle, start,
                        $"'{start}' would end up a specialisation of itself; remove one SPECIALISATION_OF edge of the cycle.");
                    break;
                }
                if (seen.Add(id))
                    foreach (var parent in ParentsOf(id)) frontier.Push(parent);
            }
        }
    }
}
