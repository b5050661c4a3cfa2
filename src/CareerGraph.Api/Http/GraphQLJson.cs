using System.Text.Json;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL.NET's System.Text.Json serializer, with its converters and options, that also reads a request whose body is
/// already in memory at once: no stream around the bytes, no asynchronous read of them.
/// </summary>
internal sealed class GraphQLJson(IErrorInfoProvider errorInfoProvider) : GraphQLSerializer(errorInfoProvider)
{
    public T? Read<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, SerializerOptions);
}
