namespace CareerGraph.Model;

/// <summary>A broken rule: a stable code, the node or edge it concerns, and a message that says how to fix it.</summary>
public sealed record RuleViolation(string Code, string Subject, string Message);

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

    public static IReadOnlyList<RuleViolation> Check(
        GraphDocument document,
        Func<string, NodeKind?>? existingKind = null,
        Func<string, IEnumerable<string>>? existingParents = null)
    {
        var problems = new List<RuleViolation>();
        var kinds = new Dictionary<string, NodeKind>(StringComparer.Ordinal);

        foreach (var node in document.Nodes)
        {
            if (!Names.IsValidId(node.Id))
                problems.Add(new(RuleCodes.InvalidId, node.Id,
                    $"'{node.Id}' is not a valid id: use lower-case letters and digits in hyphen-separated words, at most {Names.MaxIdLength} characters (e.g. '{Names.Slug(node.Name ?? "machine learning engineer")}')."));
            if (!kinds.TryAdd(node.Id, node.Kind))
                problems.Add(new(RuleCodes.DuplicateId, node.Id, $"The id '{node.Id}' is used by more than one node; ids must be unique across careers, skills and industries."));
            CheckText(problems, node.Id, "name", node.Name, MaxNameLength, required: true);
            CheckText(problems, node.Id, "description", node.Description, MaxDescriptionLength);
            if (node is Career career)
                foreach (var duty in career.Duties)
                    CheckText(problems, node.Id, "duty", duty, MaxDutyLength, required: true);
        }

        NodeKind? KindOf(string id) => kinds.TryGetValue(id, out var k) ? k : existingKind?.Invoke(id);

        foreach (var edge in document.Edges)
            CheckEdge(problems, edge, KindOf);

        foreach (var alias in document.Aliases)
        {
            var subject = $"alias '{alias.Name}'";
            CheckText(problems, subject, "alias", alias.Name, MaxNameLength, required: true);
            if (KindOf(alias.TargetId) is null)
                problems.Add(new(RuleCodes.UnknownReference, subject, $"The alias '{alias.Name}' names '{alias.TargetId}', which is not a career or skill id."));
            else if (KindOf(alias.TargetId) == NodeKind.Industry)
                problems.Add(new(RuleCodes.WrongKind, subject, $"The alias '{alias.Name}' names the industry '{alias.TargetId}'; aliases name careers or skills."));
        }

        problems.AddRange(FindSpecialisationCycles(document.Edges, existingParents));
        return problems;
    }

    private static void CheckEdge(List<RuleViolation> problems, Edge edge, Func<string, NodeKind?> kindOf)
    {
        var (sourceKind, targetKind) = edge.Kind switch
        {
            EdgeKind.Requires => (NodeKind.Career, NodeKind.Skill),
            EdgeKind.InIndustry => (NodeKind.Career, NodeKind.Industry),
            _ => (NodeKind.Career, NodeKind.Career),
        };
        CheckEnd(problems, edge, edge.Source, sourceKind, kindOf);
        CheckEnd(problems, edge, edge.Target, targetKind, kindOf);
        if (edge.Source == edge.Target)
            problems.Add(new(RuleCodes.SelfLink, edge.Id, $"'{edge.Source}' cannot be linked to itself by {edge.Kind.CypherName()}."));
        if (edge.Importance is { } importance && importance is < 0 or > 1 || double.IsNaN(edge.Importance ?? 0))
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Importance {edge.Importance} is out of range: use a number from 0 to 1."));
        if (edge.Weight is { } weight && weight is <= 0 or > 1 || double.IsNaN(edge.Weight ?? 1))
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Weight {edge.Weight} is out of range: use a number greater than 0 and at most 1."));
        if (edge.Tier is < 1 or > 9)
            problems.Add(new(RuleCodes.OutOfRange, edge.Id, $"Tier {edge.Tier} is out of range: use 1 (closest) to 9."));
    }

    private static void CheckEnd(List<RuleViolation> problems, Edge edge, string id, NodeKind expected, Func<string, NodeKind?> kindOf)
    {
        var actual = kindOf(id);
        if (actual is null)
            problems.Add(new(RuleCodes.UnknownReference, edge.Id, $"{edge.Kind.CypherName()} refers to '{id}', which is not a known {expected.ToString().ToLowerInvariant()} id."));
        else if (actual != expected)
            problems.Add(new(RuleCodes.WrongKind, edge.Id, $"{edge.Kind.CypherName()} needs a {expected.ToString().ToLowerInvariant()} at '{id}', which is a {actual.ToString()!.ToLowerInvariant()}."));
    }

    private static void CheckText(List<RuleViolation> problems, string subject, string field, string? text, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(text))
            problems.Add(new(RuleCodes.NameRequired, subject, $"The {field} of '{subject}' is empty; give it some text."));
        else if (text is { Length: var length } && length > max)
            problems.Add(new(RuleCodes.TextTooLong, subject, $"The {field} of '{subject}' has {length} characters; the limit is {max}."));
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
