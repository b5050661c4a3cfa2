using CareerGraph.Model;

namespace CareerGraph.Embedded;

/// <summary>
/// How the snapshot file holds a node: its fields one after another as <see cref="BinaryWriter"/> writes them, read
/// back where they lie in the file's bytes. A start reads every node (a hundred thousand at ten times O*NET's size);
/// parsing each from JSON took several times as long. Every settable field of the model is written (the snapshot file
/// tests fail for one that is not); a change here raises <see cref="SnapshotFile.Format"/>. Whether a career
/// specialises is not written: the index derives it from the edges.
/// </summary>
internal static class NodeBinary
{
    [Flags]
    private enum Present : byte
    {
        Description = 1,
        Source = 2,
        SocCodeOrCategory = 4,
        JobZone = 8,
        Hot = 16,
    }

    public static void Write(BinaryWriter writer, GraphNode node)
    {
        var present = (node.Description is null ? 0 : Present.Description) | (node.Source is null ? 0 : Present.Source) | node switch
        {
            Career career => (career.SocCode is null ? 0 : Present.SocCodeOrCategory) | (career.JobZone is null ? 0 : Present.JobZone),
            Skill skill => (skill.Category is null ? 0 : Present.SocCodeOrCategory) | (skill.Hot ? Present.Hot : 0),
            _ => 0,
        };
        writer.Write((byte)present);
        writer.Write(node.Id);
        writer.Write(node.Name);
        if (node.Description is { } description) writer.Write(description);
        if (node.Source is { } source) writer.Write(source);
        switch (node)
        {
            case Career career:
                WriteList(writer, career.Duties);
                WriteList(writer, career.Categories);
                if (career.SocCode is { } socCode) writer.Write(socCode);
                if (career.JobZone is { } jobZone) writer.Write(jobZone);
                break;
            case Skill { Category: { } category }:
                writer.Write(category);
                break;
        }
    }

    /// <summary>A node of <paramref name="kind"/> from the bytes <see cref="Write"/> wrote for it, all of them.</summary>
    public static GraphNode Read(NodeKind kind, ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        var present = (Present)SectionBytes.Byte(bytes, ref at);
        var (id, name) = (SectionBytes.String(bytes, ref at), SectionBytes.String(bytes, ref at));
        var description = present.HasFlag(Present.Description) ? SectionBytes.String(bytes, ref at) : null;
        var source = present.HasFlag(Present.Source) ? SectionBytes.String(bytes, ref at) : null;
        GraphNode node;
        switch (kind)
        {
            case NodeKind.Career:
                var (duties, categories) = (List(bytes, ref at), List(bytes, ref at));
                var socCode = present.HasFlag(Present.SocCodeOrCategory) ? SectionBytes.String(bytes, ref at) : null;
                int? jobZone = present.HasFlag(Present.JobZone) ? SectionBytes.Int32(bytes, ref at) : null;
                node = new Career(id, name) { Description = description, Source = source, Duties = duties, Categories = categories, SocCode = socCode, JobZone = jobZone };
                break;
            case NodeKind.Skill:
                var category = present.HasFlag(Present.SocCodeOrCategory) ? SectionBytes.String(bytes, ref at) : null;
                node = new Skill(id, name) { Description = description, Source = source, Category = category, Hot = present.HasFlag(Present.Hot) };
                break;
            case NodeKind.Industry:
                node = new Industry(id, name) { Description = description, Source = source };
                break;
            default:
                throw new FormatException($"Node kind {(int)kind} is unknown.");
        }
        return at == bytes.Length ? node : throw new FormatException($"Node {id} does not end where its bytes do.");
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values) writer.Write(value);
    }

    private static string[] List(ReadOnlySpan<byte> bytes, ref int at)
    {
        var count = SectionBytes.StringLength(bytes, ref at); // a count is written as a string's length is
        var values = count == 0 ? [] : new string[count];
        for (var i = 0; i < values.Length; i++) values[i] = SectionBytes.String(bytes, ref at);
        return values;
    }
}
