namespace CareerGraph.Embedded;

/// <summary>Reading a snapshot file's section where it lies (<see cref="EdgeTable"/>, <see cref="AliasTable"/>).</summary>
internal static class SectionBytes
{
    /// <summary>The length of a string as <see cref="BinaryWriter"/> writes it (seven bits a byte), read past; the string must fit the section.</summary>
    public static int StringLength(ReadOnlySpan<byte> bytes, ref int at)
    {
        var (length, shift) = (0, 0);
        byte part;
        do
        {
            if (shift > 28 || at >= bytes.Length) throw new FormatException("A string's length is malformed.");
            part = bytes[at++];
            length |= (part & 0x7F) << shift;
            shift += 7;
        }
        while ((part & 0x80) != 0);
        return length >= 0 && length <= bytes.Length - at ? length : throw new FormatException("A string runs past the end of its section.");
    }
}
