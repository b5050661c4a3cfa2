namespace CareerGraph.Embedded;

/// <summary>The nodes of a snapshot file by number (their place in the file), and each id's number.</summary>
internal sealed class NodeNumbers
{
    public NodeNumbers(string[] ids)
    {
        Ids = ids;
        Numbers = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var number = 0; number < ids.Length; number++) Numbers.Add(ids[number], number);
    }

    public string[] Ids { get; }

    public Dictionary<string, int> Numbers { get; }

    public int Count => Ids.Length;

    /// <summary>A number read from the file, checked: a node the file does not hold is a <see cref="FormatException"/>.</summary>
    public int Checked(int number) =>
        (uint)number < (uint)Ids.Length ? number : throw new FormatException("The file names a node it does not hold.");
}
