using System.Buffers.Binary;
using System.Text;

namespace CareerGraph.Embedded;

/// <summary>Reading a snapshot file's section where it lies (<see cref="EdgeTable"/>, <see cref="AliasTable"/>, <see cref="NodeBinary"/>).</summary>
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

    /// <summary>A string as <see cref="BinaryWriter"/> writes it, read past.</summary>
    public static string String(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = StringLength(bytes, ref at);
        var value = Encoding.UTF8.GetString(bytes.Slice(at, length));
        at += length;
        return value;
    }

    public static int Int32(ReadOnlySpan<byte> bytes, ref int at)
    {
        if (bytes.Length - at < sizeof(int)) throw new FormatException("A section ends early.");
        var value = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += sizeof(int);
        return value;
    }

    public static byte Byte(ReadOnlySpan<byte> bytes, ref int at) =>
        at < bytes.Length ? bytes[at++] : throw new FormatException("A section ends early.");
}
