namespace CareerGraph.Model;

/// <summary>Thrown when a change would break the graph's rules; nothing of the change is stored.</summary>
public sealed class GraphRuleException(IReadOnlyList<RuleViolation> violations)
    : Exception(string.Join(Environment.NewLine, violations.Take(20).Select(v => $"{v.Code}: {v.Message}"))
                + (violations.Count > 20 ? $"{Environment.NewLine}… and {violations.Count - 20} more." : ""))
{
    public IReadOnlyList<RuleViolation> Violations { get; } = violations;
}
