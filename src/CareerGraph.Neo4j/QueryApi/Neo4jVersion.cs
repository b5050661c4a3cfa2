namespace CareerGraph.Neo4j.QueryApi;

/// <summary>
/// Neo4j versions as the server reports them (dbms.components): 5.x semantic versions, then calendar versions from
/// 2025.01. The store needs 5.26 or later, the first with explicit transactions in the Query API.
/// </summary>
internal static class Neo4jVersion
{
    public static readonly Version Minimum = new(5, 26);

    /// <summary>The major and minor version at the start of the text ("5.26.1", "2025.06.0", "5.27-aura"); null when there is none.</summary>
    public static Version? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().Split('.', '-', '+');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? new Version(major, minor) : null;
    }

    public static bool IsSupported(string? text) => Parse(text) is { } version && version >= Minimum;
}
