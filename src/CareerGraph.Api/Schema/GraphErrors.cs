using CareerGraph.Model;
using CareerGraph.Store;
using GraphQL;

namespace CareerGraph.Api.Schema;

/// <summary>An error the client can fix, with a code and, where useful, data (e.g. the candidates of an ambiguous alias).</summary>
internal sealed class GraphError : ExecutionError
{
    public GraphError(string code, string message, IReadOnlyDictionary<string, object?>? data = null) : base(message)
    {
        Code = code;
        if (data is null) return;
        foreach (var (key, value) in data) Data[key] = value;
    }

    /// <summary>A refusal from Core, with its code and data.</summary>
    public static GraphError From(InvalidRequestException refused) => new(refused.Code, refused.Message, refused.Details);

    public static GraphError InvalidArgument(string argument, string message) => From(InvalidRequestException.InvalidArgument(argument, message));
}
