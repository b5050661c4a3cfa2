using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>The Query API's request body: one statement and its parameters.</summary>
internal sealed record QueryRequest(string Statement, object? Parameters);

/// <summary>
/// The Query API's response body (plain JSON, "Accept: application/json"): a table of values, or errors.
/// A response to a statement in an explicit transaction also says which transaction it is.
/// </summary>
internal sealed record QueryResponse(QueryData? Data, IReadOnlyList<QueryError>? Errors, IReadOnlyList<string>? Bookmarks, TransactionInfo? Transaction);

internal sealed record QueryData(IReadOnlyList<string> Fields, IReadOnlyList<JsonElement[]> Values);

internal sealed record QueryError(string Code, string Message);

internal sealed record TransactionInfo(string Id, string? Expires);

internal static class QueryApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new FloatingPointConverter() },
    };

    /// <summary>
    /// Writes every double with a decimal point (1.0, not 1), so Neo4j stores weights and importances as FLOAT
    /// even when they are whole numbers.
    /// </summary>
    private sealed class FloatingPointConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Neo4j's JSON has no representation for NaN or infinity.");
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            writer.WriteRawValue(text.Contains('.') || text.Contains('E') ? text : text + ".0");
        }
    }
}
