using System.Globalization;
using System.Text.RegularExpressions;

namespace CareerGraph.Interchange.Onet;

public sealed record OnetOccupation(string Code, string Title, string Description, long Line);

/// <summary>An alternate title or a reported job title of an occupation.</summary>
public sealed record OnetTitle(string Code, string Title, string File, long Line);

/// <summary>A directed "see also" link; <see cref="Index"/> ranks all of an occupation's links, 1 first.</summary>
public sealed record OnetRelation(string Code, string RelatedCode, string Tier, int Index, long Line);

public sealed record OnetTechnology(string Code, string Example, string CommodityTitle, bool Hot, long Line);

public sealed record OnetTask(string Code, string Text, string Type, long Line);

public sealed record OnetJobZone(string Code, int Zone, long Line);

/// <summary>How far reading one file has come, from 0 to 1.</summary>
public sealed record OnetReadProgress(string File, double Fraction);

/// <summary>
/// The parts of the O*NET database CareerGraph maps, read from its text files with every row checked:
/// a row that is malformed or names an unknown occupation is skipped and listed in <see cref="Skipped"/>.
/// </summary>
public sealed partial record OnetDatabase(
    IReadOnlyList<OnetOccupation> Occupations,
    IReadOnlyList<OnetTitle> Titles,
    IReadOnlyList<OnetRelation> Relations,
    IReadOnlyList<OnetTechnology> Technologies,
    IReadOnlyList<OnetTask> Tasks,
    IReadOnlyList<OnetJobZone> JobZones,
    IReadOnlyList<SkippedRow> Skipped)
{
    public const string Code = "O*NET-SOC Code";

    public static readonly TabSeparatedFile OccupationData = new("Occupation Data.txt", Code, "Title", "Description");
    public static readonly TabSeparatedFile AlternateTitles = new("Alternate Titles.txt", Code, "Alternate Title");
    public static readonly TabSeparatedFile ReportedTitles = new("Sample of Reported Titles.txt", Code, "Reported Job Title");
    public static readonly TabSeparatedFile RelatedOccupations = new("Related Occupations.txt", Code, "Related O*NET-SOC Code", "Relatedness Tier", "Index");
    public static readonly TabSeparatedFile TechnologySkills = new("Technology Skills.txt", Code, "Example", "Commodity Title", "Hot Technology");
    public static readonly TabSeparatedFile TaskStatements = new("Task Statements.txt", Code, "Task", "Task Type");
    public static readonly TabSeparatedFile JobZoneFile = new("Job Zones.txt", Code, "Job Zone");

    /// <summary>Every file read, in the order it is read (occupations first: the others refer to them).</summary>
    public static readonly IReadOnlyList<TabSeparatedFile> Files =
        [OccupationData, AlternateTitles, ReportedTitles, RelatedOccupations, TechnologySkills, TaskStatements, JobZoneFile];

    public static readonly IReadOnlyList<string> Tiers = ["Primary-Short", "Primary-Long", "Supplemental"];

    /// <summary>Reads the database from a folder; throws <see cref="OnetDataException"/> when a file is missing or unreadable.</summary>
    public static OnetDatabase Read(string folder, IProgress<OnetReadProgress>? progress = null)
    {
        if (!Directory.Exists(folder))
            throw new OnetDataException($"The O*NET folder '{Path.GetFullPath(folder)}' does not exist; give the folder that holds '{OccupationData.Name}' and the other O*NET text files.");
        foreach (var file in Files)
            if (!File.Exists(Path.Combine(folder, file.Name)))
                throw new OnetDataException($"The O*NET file '{file.Name}' is missing from '{Path.GetFullPath(folder)}'. " +
                                            "Point the import at the folder of the O*NET 27.0 database in text format (tab-separated .txt files).");

        var skipped = new List<SkippedRow>();
        var reader = new RowChecker(skipped);

        IEnumerable<(long Line, string[] Values)> Rows(TabSeparatedFile file) =>
            file.ReadRows(folder, skipped, fraction => progress?.Report(new OnetReadProgress(file.Name, fraction)));

        var occupations = new List<OnetOccupation>();
        foreach (var (line, v) in Rows(OccupationData))
        {
            var row = reader.At(OccupationData, line);
            if (row.SocCode(v[0]) && row.NewOccupation(v[0]) && row.Text("Title", v[1]))
                occupations.Add(new OnetOccupation(v[0], v[1], v[2], line));
        }

        var titles = new List<OnetTitle>();
        foreach (var file in new[] { AlternateTitles, ReportedTitles })
            foreach (var (line, v) in Rows(file))
                if (reader.At(file, line) is var row && row.KnownOccupation(v[0]) && row.Text(file.Columns[1], v[1]))
                    titles.Add(new OnetTitle(v[0], v[1], file.Name, line));

        var relations = new List<OnetRelation>();
        foreach (var (line, v) in Rows(RelatedOccupations))
        {
            var row = reader.At(RelatedOccupations, line);
            if (row.KnownOccupation(v[0]) && row.KnownOccupation(v[1]) && row.OneOf("Relatedness Tier", v[2], Tiers) && row.Number("Index", v[3], 1, 999, out var index))
            {
                if (v[0] == v[1]) row.Skip($"'{v[0]}' is related to itself.");
                else relations.Add(new OnetRelation(v[0], v[1], v[2], index, line));
            }
        }

        var technologies = new List<OnetTechnology>();
        foreach (var (line, v) in Rows(TechnologySkills))
        {
            var row = reader.At(TechnologySkills, line);
            if (row.KnownOccupation(v[0]) && row.Text("Example", v[1]) && row.OneOf("Hot Technology", v[3], ["Y", "N"]))
                technologies.Add(new OnetTechnology(v[0], v[1], v[2], v[3] == "Y", line));
        }

        var tasks = new List<OnetTask>();
        foreach (var (line, v) in Rows(TaskStatements))
        {
            var row = reader.At(TaskStatements, line);
            if (row.KnownOccupation(v[0]) && row.Text("Task", v[1]))
                tasks.Add(new OnetTask(v[0], v[1], v[2], line));
        }

        var jobZones = new List<OnetJobZone>();
        foreach (var (line, v) in Rows(JobZoneFile))
        {
            var row = reader.At(JobZoneFile, line);
            if (row.KnownOccupation(v[0]) && row.Number("Job Zone", v[1], 1, 5, out var zone))
                jobZones.Add(new OnetJobZone(v[0], zone, line));
        }

        return new OnetDatabase(occupations, titles, relations, technologies, tasks, jobZones, skipped);
    }

    [GeneratedRegex(@"^\d{2}-\d{4}\.\d{2}$")]
    private static partial Regex SocCodePattern();

    /// <summary>Checks the values of one row, recording why a row is skipped.</summary>
    private sealed class RowChecker(List<SkippedRow> skipped)
    {
        private readonly HashSet<string> _occupations = new(StringComparer.Ordinal);
        private TabSeparatedFile _file = OccupationData;
        private long _line;

        public RowChecker At(TabSeparatedFile file, long line)
        {
            (_file, _line) = (file, line);
            return this;
        }

        public void Skip(string reason) => skipped.Add(new SkippedRow(_file.Name, _line, reason));

        public bool SocCode(string code)
        {
            if (!SocCodePattern().IsMatch(code))
                Skip($"'{code}' is not an O*NET-SOC code (expected the form 15-1299.08).");
            else if (OccupationFamilies.Of(code) is null)
                Skip($"'{code}' is in no SOC major group (its first two digits name none of the {OccupationFamilies.Count}).");
            else
                return true;
            return false;
        }

        public bool NewOccupation(string code)
        {
            if (_occupations.Add(code)) return true;
            Skip($"the occupation '{code}' is listed twice; the first row is kept.");
            return false;
        }

        public bool KnownOccupation(string code)
        {
            if (_occupations.Contains(code)) return true;
            if (SocCode(code)) Skip($"'{code}' is not an occupation of {OccupationData.Name}.");
            return false;
        }

        public bool Text(string column, string value)
        {
            if (value.Length > 0 && value != "n/a") return true;
            Skip($"the {column} is empty.");
            return false;
        }

        public bool OneOf(string column, string value, IReadOnlyList<string> allowed)
        {
            if (allowed.Contains(value)) return true;
            Skip($"the {column} '{value}' is not one of {string.Join(", ", allowed)}.");
            return false;
        }

        public bool Number(string column, string value, int min, int max, out int number)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max) return true;
            Skip($"the {column} '{value}' is not a whole number from {min} to {max}.");
            return false;
        }
    }
}
