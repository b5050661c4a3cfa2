using System.Buffers;
using CareerGraph.Api.Execution;
using CareerGraph.Api.Security;
using GraphQL;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>A request refused before execution: the HTTP status, the stable code and what to do.</summary>
internal readonly record struct Problem(int Status, string Code, string Message);

/// <summary>
/// The answer's side of GraphQL over HTTP: which media type the client accepts, which status a result carries,
/// and writing results and refusals.
/// </summary>
internal static class GraphQLNegotiation
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static readonly Problem NotAcceptable = new(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
        $"This endpoint answers with {GraphQLResponseJson} or {Json}; send an Accept header that allows one of them.");

    /// <summary>The media type of the answer, or null when the client accepts neither.</summary>
    public static string? ChooseMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0) return Json;
        var wanted = accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1).ToList();
        foreach (var type in wanted)
        {
            var value = type.MediaType.Value ?? "";
            if (value.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return GraphQLResponseJson;
            if (value.Equals(Json, StringComparison.OrdinalIgnoreCase)) return Json;
            // What legacy clients and curl send: the specification asks for application/json then, as with no Accept.
            if (value is "*/*" or "application/*") return Json;
        }
        return null;
    }

    /// <summary>
    /// A document that could not be executed at all (syntax, validation, limits) is the client's error;
    /// a missing or insufficient credential is 401 or 403 whatever the media type.
    /// </summary>
    public static int StatusOf(ExecutionResult result, string mediaType)
    {
        if (result.Executed) return StatusCodes.Status200OK;
        var codes = result.Errors?.Select(e => e.Code).ToHashSet() ?? [];
        if (codes.Contains(ErrorCodes.Unauthenticated)) return StatusCodes.Status401Unauthorized;
        if (codes.Contains(ErrorCodes.Forbidden)) return StatusCodes.Status403Forbidden;
        return mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    public static Task WriteErrorAsync(HttpContext http, string mediaType, Problem problem)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(problem.Message) { Code = problem.Code });
        return WriteAsync(http, mediaType, problem.Status, result);
    }

    /// <summary>Writes one result or a batch of them.</summary>
    public static async Task WriteAsync(HttpContext http, string mediaType, int status, object result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        // Every 401 says how to authenticate, whichever step refused the caller.
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = $"Bearer, ApiKey header=\"{ApiKeyHandler.Header}\"";
        if (result is ExecutionResult { Data: CompiledAnswer answer, Errors: null or { Count: 0 }, Extensions: null or { Count: 0 } })
        {
            await WriteDataAsync(http, answer.Json);
            return;
        }
        await http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>
    /// An answer that is only data already written as JSON (a compiled plan's), sent as GraphQL.NET's serializer
    /// would send it, without it: its length is known, so it goes with a Content-Length and, when small, uncompressed.
    /// </summary>
    private static async Task WriteDataAsync(HttpContext http, ReadOnlyMemory<byte> data)
    {
        http.Response.ContentLength = DataOpening.Length + data.Length + 1;
        var body = http.Response.BodyWriter;
        body.Write(DataOpening);
        body.Write(data.Span);
        body.Write("}"u8);
        await body.FlushAsync(http.RequestAborted);
    }

    private static ReadOnlySpan<byte> DataOpening => "{\"data\":"u8;
}
