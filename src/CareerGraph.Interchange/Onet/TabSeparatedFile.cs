namespace CareerGraph.Interchange.Onet;

/// <summary>
/// One tab-separated O*NET text file: the columns we read, found by name in its header line,
/// so that a release adding columns still reads.
/// </summary>
public sealed record TabSeparatedFile(string Name, params string[] Columns)
{
    /// <summary>
    /// The data rows with their 1-based line numbers (the header is line 1), values in the order of
    /// <see cref="Columns"/>. A row with the wrong number of fields is skipped and reported.
    /// </summary>
    public IEnumerable<(long Line, string[] Values)> ReadRows(string folder, List<SkippedRow> skipped, Action<double>? progress = null)
    {
        var path = Path.Combine(folder, Name);
        if (!File.Exists(path))
            throw new OnetDataException($"The O*NET file '{Name}' is missing from '{Path.GetFullPath(folder)}'. " +
                                        "Point the import at the folder of the O*NET 27.0 database in text format (tab-separated .txt files).");
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnetDataException($"The O*NET file '{path}' cannot be read: {e.Message}", e);
        }
        return Rows(reader, path, skipped, progress);
    }

    private IEnumerable<(long, string[])> Rows(StreamReader reader, string path, List<SkippedRow> skipped, Action<double>? progress)
    {
        using (reader)
        {
            var length = Math.Max(1, reader.BaseStream.Length);
            var header = ReadLine(reader, path)?.Split('\t')
                ?? throw new OnetDataException($"The O*NET file '{path}' is empty; expected a header line with the columns {string.Join(", ", Columns.Select(c => $"'{c}'"))}.");
            var positions = Columns.Select(column => Array.IndexOf(header, column)).ToArray();
            if (Array.IndexOf(positions, -1) is var missing and >= 0)
                throw new OnetDataException($"The O*NET file '{path}' has no column '{Columns[missing]}' in its header line; " +
                                            "expected the O*NET 27.0 text format (tab-separated, with a header line).");

            long line = 1;
            while (ReadLine(reader, path) is { } text)
            {
                line++;
                if (line % 4096 == 0) progress?.Invoke((double)reader.BaseStream.Position / length);
                if (text.Length == 0) continue;
                var fields = text.Split('\t');
                if (fields.Length != header.Length)
                {
                    skipped.Add(new SkippedRow(Name, line, $"expected {header.Length} tab-separated fields, found {fields.Length}."));
                    continue;
                }
                var values = new string[positions.Length];
                for (var i = 0; i < positions.Length; i++) values[i] = fields[positions[i]].Trim();
                yield return (line, values);
            }
            progress?.Invoke(1);
        }
    }

    private static string? ReadLine(StreamReader reader, string path)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnetDataException($"The O*NET file '{path}' cannot be read: {e.Message}", e);
        }
    }
}
