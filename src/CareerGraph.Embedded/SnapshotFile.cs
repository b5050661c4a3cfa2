using System.IO.Hashing;
using System.Text;
using CareerGraph.Model;

namespace CareerGraph.Embedded;

/// <summary>
/// The graph the index is built from, kept in a file beside the SQLite file ("&lt;file&gt;.snapshot"), so that a start
/// reads it in one pass rather than stepping through every row of every table. SQLite stays the truth: the file says
/// which database it came from and how far (<see cref="FileMarks"/>), and one that is missing, unreadable, of
/// another format, from another database or from another import is ignored and the graph is read from the tables.
/// One that is behind only by curation writes is brought up to date from the audit trail.
/// </summary>
/// <remarks>
/// Layout (little-endian, strings as <see cref="BinaryWriter"/> writes them): a magic number and the format version;
/// the marks; the edge kinds by code; the nodes, each as its kind and its fields (<see cref="NodeBinary"/>); edges and
/// aliases (each with its key, for lookups in place) naming nodes by position, so each id is read once and shared, each
/// in a section of its own (its length first), kept as they lie (<see cref="EdgeTable"/>, <see cref="AliasTable"/>);
/// redirects; and last an XXH3 hash of everything before it. A file is written under a name of its own and then
/// renamed over the old one, so a reader never sees half of one.
/// </remarks>
internal static class SnapshotFile
{
    private const uint Magic = 0x58494743; // "CGIX"

    /// <summary>Bumped whenever the layout, the encoding of a node (<see cref="NodeBinary"/>) or the keys of names (<see cref="Names.Key"/>) change: older files are then ignored.</summary>
    public const int Format = 4;

    public sealed record Contents(FileMarks Marks, GraphDocument Document, IReadOnlyDictionary<string, string> Redirects);

    public static string PathFor(string databasePath) => databasePath + ".snapshot";

    /// <param name="format">The format to mark the file with: only tests write another.</param>
    public static void Write(string path, FileMarks marks, GraphDocument document, IReadOnlyDictionary<string, string> redirects, int format = Format)
    {
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
                    WriteBody(writer, format, marks, document, redirects);
                file.Position = 0;
                var hash = new XxHash3();
                hash.Append(file);
                file.Write(hash.GetCurrentHash());
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Removes what writes cut short left behind (a process killed mid-write); a write under way is younger.</summary>
    public static void RemoveLeftovers(string path)
    {
        try
        {
            var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
            foreach (var leftover in folder.EnumerateFiles(Path.GetFileName(path) + ".*.tmp"))
                if (leftover.LastWriteTimeUtc < DateTime.UtcNow.AddMinutes(-10)) leftover.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start.
        }
    }

    /// <summary>
    /// The file's contents, or null when there is none, it cannot be trusted, or its marks are not what
    /// <paramref name="wanted"/> accepts (asked before the rest is read). The reason is not needed: the tables are read instead.
    /// </summary>
    public static Contents? Read(string path, Func<FileMarks, bool>? wanted = null)
    {
        byte[] bytes;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            if (wanted is not null && (ReadHeader(new BinaryReader(file, Encoding.UTF8, leaveOpen: true)) is not { } marks || !wanted(marks))) return null;
            file.Position = 0;
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (bytes.Length < 16 || !XxHash3.Hash(bytes.AsSpan(0, bytes.Length - 8)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 8))) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 8, writable: false, publiclyVisible: true), Encoding.UTF8);
            return ReadHeader(reader) is { } marks ? ReadBody(reader, marks) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException or AggregateException)
        {
            return null;
        }
    }

    private static void WriteBody(BinaryWriter writer, int format, FileMarks marks, GraphDocument document, IReadOnlyDictionary<string, string> redirects)
    {
        writer.Write(Magic);
        writer.Write(format);
        writer.Write(marks.Identity);
        writer.Write(marks.ImportGeneration);
        writer.Write(marks.AuditSequence);

        var kinds = Enum.GetValues<EdgeKind>();
        writer.Write(kinds.Length);
        foreach (var kind in kinds) writer.Write(kind.Code());

        var nodes = document.Nodes.ToList();
        var positions = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        writer.Write(nodes.Count);
        using var encoded = new MemoryStream();
        using var nodeWriter = new BinaryWriter(encoded, Encoding.UTF8);
        foreach (var node in nodes)
        {
            positions[node.Id] = positions.Count;
            encoded.SetLength(0);
            NodeBinary.Write(nodeWriter, node);
            nodeWriter.Flush();
            writer.Write((byte)node.Kind);
            writer.Write((int)encoded.Length);
            writer.Write(encoded.GetBuffer(), 0, (int)encoded.Length);
        }

        using var edges = new MemoryStream();
        using var edgeWriter = new BinaryWriter(edges, Encoding.UTF8);
        WriteEdges(edgeWriter, document.Edges, positions, kinds);
        using var aliases = new MemoryStream();
        using var aliasWriter = new BinaryWriter(aliases, Encoding.UTF8);
        WriteAliases(aliasWriter, document.Aliases, positions);
        foreach (var section in new[] { edges, aliases })
        {
            writer.Write(section.Length);
            writer.Write(section.GetBuffer(), 0, (int)section.Length);
        }

        writer.Write(redirects.Count);
        foreach (var (from, to) in redirects.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.Write(from);
            writer.Write(positions[to]);
        }
    }

    private static void WriteEdges(BinaryWriter writer, IReadOnlyList<Edge> edges, Dictionary<string, int> positions, EdgeKind[] kinds)
    {
        writer.Write(edges.Count);
        foreach (var edge in edges)
        {
            writer.Write(positions[edge.Source]);
            writer.Write(positions[edge.Target]);
            writer.Write((byte)Array.IndexOf(kinds, edge.Kind));
            var present = (edge.Importance is null ? 0 : 1) | (edge.Core is null ? 0 : 2) | (edge.Weight is null ? 0 : 4) | (edge.Tier is null ? 0 : 8) | (edge.Reason is null ? 0 : 16);
            writer.Write((byte)present);
            if (edge.Importance is { } importance) writer.Write(importance);
            if (edge.Core is { } core) writer.Write(core);
            if (edge.Weight is { } weight) writer.Write(weight);
            if (edge.Tier is { } tier) writer.Write(tier);
            if (edge.Reason is { } reason) writer.Write(reason);
        }
        writer.Flush();
    }

    private static void WriteAliases(BinaryWriter writer, IReadOnlyList<Alias> aliases, Dictionary<string, int> positions)
    {
        writer.Write(aliases.Count);
        foreach (var alias in aliases)
        {
            writer.Write(alias.Key);
            writer.Write(alias.Name);
            writer.Write(positions[alias.TargetId]);
        }
        writer.Flush();
    }

    /// <summary>A length-prefixed section: the bytes it spans, which the reader steps past.</summary>
    private static ArraySegment<byte> Section(BinaryReader reader) => Section(reader, reader.ReadInt64());

    /// <summary>The next <paramref name="length"/> bytes, which the reader steps past.</summary>
    private static ArraySegment<byte> Section(BinaryReader reader, long length)
    {
        var stream = (MemoryStream)reader.BaseStream;
        if (length < 0 || length > stream.Length - stream.Position || !stream.TryGetBuffer(out var bytes)) throw new FormatException("A section runs past the end of the file.");
        var start = bytes.Offset + (int)stream.Position;
        stream.Position += length;
        return new ArraySegment<byte>(bytes.Array!, start, (int)length);
    }

    /// <summary>The marks of a file of this format; null for anything else.</summary>
    private static FileMarks? ReadHeader(BinaryReader reader)
    {
        try
        {
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Format) return null;
            var identity = reader.ReadString();
            var importGeneration = reader.ReadInt64();
            return new FileMarks(reader.ReadInt64(), importGeneration, identity);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            return null;
        }
    }

    private static Contents? ReadBody(BinaryReader reader, FileMarks marks)
    {
        var codes = new EdgeKind[reader.ReadInt32()];
        var byCode = Enum.GetValues<EdgeKind>().ToDictionary(k => k.Code(), StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++) codes[i] = byCode[reader.ReadString()];

        // Each node is read where it lies in the file's bytes.
        var rows = new (NodeKind Kind, ArraySegment<byte> Bytes)[reader.ReadInt32()];
        for (var i = 0; i < rows.Length; i++) rows[i] = ((NodeKind)reader.ReadByte(), Section(reader, reader.ReadInt32()));
        var nodes = new GraphNode[rows.Length];
        Parallel.For(0, rows.Length, i => nodes[i] = NodeBinary.Read(rows[i].Kind, rows[i].Bytes));

        // Edges and aliases stay as the file holds them (EdgeTable, AliasTable): each is made when a read first asks for
        // it. Their sections are read side by side.
        var numbers = new NodeNumbers(Array.ConvertAll(nodes, n => n.Id));
        var edgeSection = Section(reader);
        var aliasSection = Section(reader);
        EdgeTable? edges = null;
        IReadOnlyList<Alias> aliases = [];
        Parallel.Invoke(
            () => edges = EdgeTable.Read(edgeSection, numbers, codes),
            () => aliases = AliasTable.Read(aliasSection, numbers) is var table && table.InKeyOrder ? table : [.. table]);

        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--) redirects[reader.ReadString()] = nodes[reader.ReadInt32()].Id;

        if (reader.BaseStream.Position != reader.BaseStream.Length) return null;
        var document = new GraphDocument([.. nodes.OfType<Career>()], [.. nodes.OfType<Skill>()], [.. nodes.OfType<Industry>()], edges!, aliases);
        return new Contents(marks, document, redirects);
    }
}
