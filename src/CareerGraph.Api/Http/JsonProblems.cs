using System.Text.Json;

namespace CareerGraph.Api.Http;

/// <summary>Where a request's JSON went wrong, in the caller's terms: the deserializer's messages name .NET types.</summary>
internal static class JsonProblems
{
    public static string Where(Exception failure) => failure switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } position, Path: var path } =>
            $" (at line {line + 1}, byte {position + 1}{(string.IsNullOrEmpty(path) || path == "$" ? "" : $", in {path}")})",
        _ => "",
    };
}
