using CareerGraph.Model;

namespace CareerGraph.Store;

/// <summary>
/// A request the caller can fix: an argument out of range, a reference that names no node or several.
/// The code is stable (<see cref="RuleCodes"/>); the data says which argument and, for an ambiguous reference, the candidates.
/// </summary>
public sealed class InvalidRequestException(string code, string message, IReadOnlyDictionary<string, object?> data) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = data;

    public static InvalidRequestException InvalidArgument(string argument, string message) =>
        new(RuleCodes.InvalidArgument, message, new Dictionary<string, object?> { ["argument"] = argument });

    public static InvalidRequestException NotFound(string argument, string reference, NodeKind? kind) =>
        new(RuleCodes.NotFound,
            $"No {Describe(kind)} has the id, name or alias '{reference}' (argument '{argument}'). Try the search query to find the right one.",
            new Dictionary<string, object?> { ["argument"] = argument, ["reference"] = reference });

    public static InvalidRequestException Ambiguous(string argument, string reference, IReadOnlyList<GraphNode> candidates) =>
        new(RuleCodes.AmbiguousReference,
            $"'{reference}' (argument '{argument}') names {candidates.Count} nodes: {string.Join(", ", candidates.Select(c => $"{c.Name} ({c.Id})"))}. Pass one of their ids instead.",
            new Dictionary<string, object?>
            {
                ["argument"] = argument,
                ["reference"] = reference,
                ["candidates"] = candidates.Select(c => new Dictionary<string, object?> { ["id"] = c.Id, ["name"] = c.Name, ["kind"] = c.Kind.ToString().ToUpperInvariant() }).ToList(),
            });

    public static int Bounded(int value, string name, int min, int max) =>
        value >= min && value <= max
            ? value
            : throw InvalidArgument(name, $"'{name}' is {value}; use a whole number from {min} to {max}.");

    public static double Bounded(double value, string name, double min, double max) =>
        value >= min && value <= max
            ? value
            : throw InvalidArgument(name, $"'{name}' is {value}; use a number from {min} to {max}.");

    private static string Describe(NodeKind? kind) => kind?.ToString().ToLowerInvariant() ?? "node";
}
