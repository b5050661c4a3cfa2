using System.Text;
using CareerGraph.Store;

namespace CareerGraph.Api.Schema;

/// <summary>Argument checks shared by the query fields: each refusal names the argument and the allowed range.</summary>
internal static class Arguments
{
    public static int Bounded(int value, string name, int min, int max) => InvalidRequestException.Bounded(value, name, min, max);

    /// <summary>Cursors are opaque to clients; inside they are offsets.</summary>
    public static string Cursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}"));

    public static int Offset(string? cursor)
    {
        if (cursor is null) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(7), out var offset) && offset >= 0)
                return offset + 1;
        }
        catch (FormatException)
        {
        }
        throw GraphError.InvalidArgument("after", $"'{cursor}' is not a cursor this API gave out; pass an endCursor or edge cursor from an earlier page.");
    }
}
