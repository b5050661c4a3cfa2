using System.Text.Json;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>The rows a statement returned, read by field name into typed records.</summary>
internal sealed class QueryResult
{
    private readonly Dictionary<string, int> _fields;

    public QueryResult(QueryData? data)
    {
        Fields = data?.Fields ?? [];
        Rows = data?.Values ?? [];
        _fields = Fields.Select((name, i) => (name, i)).ToDictionary(f => f.name, f => f.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Fields { get; }
    public IReadOnlyList<JsonElement[]> Rows { get; }

    /// <summary>The values of one field, one per row.</summary>
    public IEnumerable<T> Column<T>(string field)
    {
        var index = IndexOf(field);
        return Rows.Select(row => row[index].Deserialize<T>(QueryApiJson.Options)!);
    }

    /// <summary>The value of one field in the only row, or <paramref name="none"/> when there is no row.</summary>
    public T Single<T>(string field, T none) => Rows.Count == 0 ? none : Column<T>(field).Single();

    private int IndexOf(string field) => _fields.TryGetValue(field, out var index)
        ? index
        : throw new Neo4jException("CareerGraph.UnexpectedResult", $"Neo4j's result has no field '{field}' (it has {string.Join(", ", Fields)}); the statement and the code reading it disagree.");
}
