using System.Buffers.Binary;
using System.Collections;
using System.Text;
using CareerGraph.Model;

namespace CareerGraph.Embedded;

/// <summary>
/// The aliases of a snapshot file as the file holds them, in the order of their keys: each alias's key and name left in
/// the file's bytes, its target as a node number. A start makes no alias and computes no key: a reference by name finds
/// its run of keys by binary search over the bytes (<see cref="ByKey"/>), a node's aliases are a range ordered by counting
/// (<see cref="ByTarget"/>), and an alias is made when a read first asks for it.
/// </summary>
/// <remarks>
/// The file lists aliases by key, then by target, as the database orders them (by the keys' UTF-8 bytes). That is the
/// ordinal order of the keys as text too, unless a key holds a character beyond the Basic Multilingual Plane; a file
/// with such a key, or out of that order, is read into aliases as before (<see cref="InKeyOrder"/>).
/// </remarks>
internal sealed class AliasTable : IReadOnlyList<Alias>
{
    private readonly NodeNumbers _nodes;
    private readonly int[] _targets;

    /// <summary>Where each alias's key starts in <see cref="_bytes"/> (its UTF-8 bytes; the name follows, with its length first).</summary>
    private readonly int[] _keys;

    private readonly int[] _keyLengths;
    private readonly byte[] _bytes;

    /// <summary>Each alias once it has been made.</summary>
    private readonly Alias?[] _made;

    private AliasTable(NodeNumbers nodes, int[] targets, int[] keys, int[] keyLengths, byte[] bytes, bool inKeyOrder, int keyCount)
    {
        (_nodes, _targets, _keys, _keyLengths, _bytes) = (nodes, targets, keys, keyLengths, bytes);
        (InKeyOrder, KeyCount) = (inKeyOrder, keyCount);
        _made = new Alias?[targets.Length];
    }

    /// <summary>
    /// The aliases of a section written by <c>SnapshotFile</c>: a count, then each alias as its key, its name (as
    /// <see cref="BinaryWriter"/> writes strings) and its target's number. Anything else is a <see cref="FormatException"/>.
    /// </summary>
    public static AliasTable Read(ReadOnlySpan<byte> section, NodeNumbers nodes)
    {
        var at = 0;
        var count = BinaryPrimitives.ReadInt32LittleEndian(Take(section, ref at, 4));
        if (count < 0 || count > section.Length / 6) throw new FormatException("The alias count does not fit the section.");
        var (targets, keys, keyLengths) = (new int[count], new int[count], new int[count]);
        var (inOrder, keyCount) = (true, 0);
        for (var i = 0; i < count; i++)
        {
            keyLengths[i] = SectionBytes.StringLength(section, ref at);
            keys[i] = at;
            var key = Take(section, ref at, keyLengths[i]);
            Take(section, ref at, SectionBytes.StringLength(section, ref at));
            targets[i] = nodes.Checked(BinaryPrimitives.ReadInt32LittleEndian(Take(section, ref at, 4)));

            if (key.IndexOfAnyInRange((byte)0xF0, (byte)0xFF) >= 0) inOrder = false;
            var byKey = i == 0 ? 1 : key.SequenceCompareTo(section.Slice(keys[i - 1], keyLengths[i - 1]));
            if (byKey != 0) keyCount++;
            else if (string.CompareOrdinal(nodes.Ids[targets[i - 1]], nodes.Ids[targets[i]]) >= 0) inOrder = false;
            if (byKey < 0) inOrder = false;
        }
        if (at != section.Length) throw new FormatException("The alias section holds more than its aliases.");
        return new AliasTable(nodes, targets, keys, keyLengths, section.ToArray(), inOrder, keyCount);
    }

    /// <summary>Whether the aliases are in the order of their keys as text, so that <see cref="ByKey"/> and <see cref="ByTarget"/> may be used.</summary>
    public bool InKeyOrder { get; }

    /// <summary>How many distinct keys there are.</summary>
    public int KeyCount { get; }

    public int Count => _targets.Length;

    /// <summary>
    /// An alias, made when first asked for and then kept: the search build, which reads them all, keeps their names and
    /// keys, and the groups share them rather than make their own.
    /// </summary>
    public Alias this[int index]
    {
        get
        {
            if (Volatile.Read(ref _made[index]) is { } made) return made;
            var alias = Make(index);
            return Interlocked.CompareExchange(ref _made[index], alias, null) ?? alias;
        }
    }

    public IEnumerator<Alias> GetEnumerator()
    {
        for (var i = 0; i < _targets.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Aliases grouped by key, each group in the order of its targets' ids (as <see cref="GraphIndex.AliasesByKey"/>).</summary>
    public Grouped<string, Alias> ByKey() =>
        Grouped<string, Alias>.Over(new KeyRuns(this), a => a.Key, (a, b) => string.CompareOrdinal(a.TargetId, b.TargetId), KeyCount, Count);

    /// <summary>Aliases grouped by target, each group in the order of its keys (as <see cref="GraphIndex.AliasesByTarget"/>).</summary>
    public Grouped<string, Alias> ByTarget()
    {
        var starts = new int[_nodes.Count + 1];
        foreach (var target in _targets) starts[target + 1]++;
        var groups = 0;
        for (var node = 1; node < starts.Length; node++)
        {
            if (starts[node] > 0) groups++;
            starts[node] += starts[node - 1];
        }
        var filled = starts[..^1];
        var items = new int[_targets.Length];
        for (var alias = 0; alias < _targets.Length; alias++) items[filled[_targets[alias]]++] = alias;
        return Grouped<string, Alias>.Over(new TargetRanges(this, starts, items), a => a.TargetId, (a, b) => string.CompareOrdinal(a.Key, b.Key), groups, items.Length);
    }

    private Alias Make(int index)
    {
        var at = _keys[index] + _keyLengths[index];
        var length = SectionBytes.StringLength(_bytes, ref at);
        return new Alias(Encoding.UTF8.GetString(_bytes, at, length), _nodes.Ids[_targets[index]]);
    }

    private ReadOnlySpan<byte> KeyAt(int index) => _bytes.AsSpan(_keys[index], _keyLengths[index]);

    /// <summary>The first alias whose key is not below <paramref name="key"/> (UTF-8 bytes).</summary>
    private int First(ReadOnlySpan<byte> key)
    {
        var (low, high) = (0, _targets.Length);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (KeyAt(middle).SequenceCompareTo(key) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int at, int length)
    {
        if (length > bytes.Length - at) throw new FormatException("The alias section ends early.");
        var taken = bytes.Slice(at, length);
        at += length;
        return taken;
    }

    /// <summary>The aliases of a key: a run of the table, found by binary search over the keys' bytes.</summary>
    private sealed class KeyRuns(AliasTable table) : Grouped<string, Alias>.IBase
    {
        public IEqualityComparer<string> Keys => StringComparer.Ordinal;

        public Alias[] Group(string key)
        {
            var length = Encoding.UTF8.GetByteCount(key);
            var bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
            Encoding.UTF8.GetBytes(key, bytes);
            var start = table.First(bytes);
            var end = start;
            while (end < table.Count && table.KeyAt(end).SequenceEqual(bytes)) end++;
            return Run(start, end);
        }

        public IEnumerable<KeyValuePair<string, Alias[]>> Groups
        {
            get
            {
                for (var start = 0; start < table.Count;)
                {
                    var end = start + 1;
                    while (end < table.Count && table.KeyAt(end).SequenceEqual(table.KeyAt(start))) end++;
                    yield return KeyValuePair.Create(Encoding.UTF8.GetString(table.KeyAt(start)), Run(start, end));
                    start = end;
                }
            }
        }

        private Alias[] Run(int start, int end)
        {
            if (start == end) return [];
            var run = new Alias[end - start];
            for (var i = 0; i < run.Length; i++) run[i] = table[start + i];
            return run;
        }
    }

    /// <summary>A node's aliases: a range of <c>items</c> (alias numbers), made into an array when first read.</summary>
    private sealed class TargetRanges(AliasTable table, int[] starts, int[] items) : Grouped<string, Alias>.IBase
    {
        private readonly Alias[]?[] _made = new Alias[]?[starts.Length - 1];

        public IEqualityComparer<string> Keys => StringComparer.Ordinal;

        public Alias[] Group(string key) => table._nodes.Numbers.TryGetValue(key, out var node) ? At(node) : [];

        public IEnumerable<KeyValuePair<string, Alias[]>> Groups
        {
            get
            {
                for (var node = 0; node < _made.Length; node++)
                    if (starts[node] < starts[node + 1]) yield return KeyValuePair.Create(table._nodes.Ids[node], At(node));
            }
        }

        private Alias[] At(int node)
        {
            if (Volatile.Read(ref _made[node]) is { } made) return made;
            var (start, end) = (starts[node], starts[node + 1]);
            if (start == end) return [];
            var group = new Alias[end - start];
            for (var i = 0; i < group.Length; i++) group[i] = table[items[start + i]];
            return Interlocked.CompareExchange(ref _made[node], group, null) ?? group;
        }
    }
}
