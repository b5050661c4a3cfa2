using System.Globalization;

namespace CareerGraph.Api.Execution;

/// <summary>
/// Finite doubles as JSON writes them (<c>Utf8JsonWriter.WriteNumberValue</c>: the shortest text that reads back the
/// same), kept in slots by their bits, the latest in each slot. An answer's floats (importances, weights) are a few
/// values written over and over, and copying their bytes costs less than formatting them again.
/// </summary>
internal static class WrittenDoubles
{
    private static readonly Written?[] Slots = new Written?[1024];

    public static ReadOnlySpan<byte> Utf8(double number)
    {
        if (!double.IsFinite(number)) throw new ArgumentOutOfRangeException(nameof(number), number, "JSON has no number for it.");
        var bits = BitConverter.DoubleToInt64Bits(number);
        var slot = (int)((ulong)(bits * -7046029254386353131L) >> 54); // the top 10 bits of a multiplicative hash
        var known = Volatile.Read(ref Slots[slot]);
        if (known is not null && known.Bits == bits) return known.Text;
        Span<byte> text = stackalloc byte[32]; // the longest, "-1.7976931348623157E+308", takes 24
        number.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        known = new Written(bits, text[..length].ToArray());
        Volatile.Write(ref Slots[slot], known);
        return known.Text;
    }

    private sealed record Written(long Bits, byte[] Text);
}
