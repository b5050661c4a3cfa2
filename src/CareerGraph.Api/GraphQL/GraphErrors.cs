using CareerGraph.Model;
using GraphQL;

namespace CareerGraph.Api.GraphQL;

/// <summary>Stable error codes clients can branch on, in <c>errors[].extensions.code</c>.</summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string AmbiguousReference = "AMBIGUOUS_REFERENCE";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string WrongKind = "WRONG_KIND";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}

/// <summary>An error the client can fix, with a code and, where useful, data (e.g. the candidates of an ambiguous alias).</summary>
public sealed class GraphError : ExecutionError
{
    public GraphError(string code, string message, IReadOnlyDictionary<string, object?>? data = null) : base(message)
    {
        Code = code;
        if (data is null) return;
        foreach (var (key, value) in data) Data[key] = value;
    }

    public static GraphError InvalidArgument(string argument, string message) =>
        new(ErrorCodes.InvalidArgument, message, new Dictionary<string, object?> { ["argument"] = argument });

    public static GraphError NotFound(string argument, string reference, NodeKind? kind) =>
        new(ErrorCodes.NotFound,
            $"No {Describe(kind)} has the id, name or alias '{reference}' (argument '{argument}'). Try the search query to find the right one.",
            new Dictionary<string, object?> { ["argument"] = argument, ["reference"] = reference });

    public static GraphError Ambiguous(string argument, string reference, IReadOnlyList<GraphNode> candidates) =>
        new(ErrorCodes.AmbiguousReference,
            $"'{reference}' (argument '{argument}') names {candidates.Count} nodes: {string.Join(", ", candidates.Select(c => $"{c.Name} ({c.Id})"))}. Pass one of their ids instead.",
            new Dictionary<string, object?>
            {
                ["argument"] = argument,
                ["reference"] = reference,
                ["candidates"] = candidates.Select(c => new Dictionary<string, object?> { ["id"] = c.Id, ["name"] = c.Name, ["kind"] = c.Kind.ToString().ToUpperInvariant() }).ToList(),
            });

    private static string Describe(NodeKind? kind) => kind?.ToString().ToLowerInvariant() ?? "node";
}
