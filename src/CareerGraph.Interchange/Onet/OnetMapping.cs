using System.Runtime.InteropServices;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Onet;

/// <summary>A curated career found among O*NET's titles: the title that matched, and whether it names only that occupation.</summary>
public sealed record CuratedLink(string CareerId, string OccupationId, string MatchedTitle, bool Unique);

/// <summary>The O*NET database as a career graph, ready for one import, and what the mapping did on the way.</summary>
public sealed record OnetGraph(
    GraphDocument Document,
    IReadOnlyList<SkippedRow> Skipped,
    IReadOnlyList<CuratedLink> CuratedLinks,
    IReadOnlyDictionary<string, string> TechnologiesOnCuratedSkills);

/// <summary>
/// Maps O*NET onto the career graph (rules and formulas in docs/onet.md): occupations become careers, their
/// titles aliases, related occupations SEE_ALSO links, technologies skills, SOC major groups industries.
/// The graph already stored is respected: O*NET technologies that the reviewed <see cref="TechnologyMap"/> names as
/// curated skills use the curated skill (which becomes hot when O*NET flags any of them), and curated careers are
/// weakly linked to the O*NET occupations whose titles they carry, with those titles as the reason.
/// The result depends on the inputs only, so importing it again changes nothing.
/// </summary>
public static class OnetMapping
{
    public const string Source = Sources.Onet;

    /// <summary>Duties kept per career, core tasks first: enough to see the job, few enough to read.</summary>
    public const int MaxDuties = 12;

    /// <summary>REQUIRES importance: a hot technology (frequent in job postings) counts more and is core.</summary>
    public const double HotImportance = 0.8, OtherImportance = 0.5;

    /// <summary>
    /// SEE_ALSO from a curated career to the one occupation a title of it names, or to each of several. A shared
    /// title is a hint, not the same job, so both stay below the default path threshold (0.5).
    /// </summary>
    public const double UniqueTitleLinkWeight = 0.4, AmbiguousTitleLinkWeight = 0.3;

    public const int UniqueTitleLinkTier = 2, AmbiguousTitleLinkTier = 3;

    public static string CareerId(string socCode) => "onet-" + socCode.Replace('.', '-');

    /// <param name="onet">The database as read.</param>
    /// <param name="stored">What the store holds now; its O*NET nodes are ignored, everything else counts as curated.</param>
    /// <param name="technologies">The reviewed technologies that are curated skills; none when left out.</param>
    public static OnetGraph ToGraph(OnetDatabase onet, GraphDocument stored, TechnologyMap? technologies = null)
    {
        var curated = Curated(stored);
        var skipped = new List<SkippedRow>(onet.Skipped);
        var careers = Careers(onet);
        var edges = new List<Edge>();

        var industries = new SortedDictionary<string, Industry>(StringComparer.Ordinal);
        foreach (var occupation in onet.Occupations)
        {
            var family = OccupationFamilies.Of(occupation.Code)!;
            industries.TryAdd(family.Id, family);
            edges.Add(new Edge(CareerId(occupation.Code), family.Id, EdgeKind.InIndustry));
        }

        var aliases = Aliases(onet, careers, skipped);
        edges.AddRange(SeeAlso(onet));

        var taken = new HashSet<string>(curated.Nodes.Select(n => n.Id).Concat(careers.Keys).Concat(industries.Keys), StringComparer.Ordinal);
        var (skills, requires, onCurated) = Skills(onet, curated, technologies ?? TechnologyMap.Empty, taken, skipped);
        edges.AddRange(requires);
        aliases.AddRange(TechnologyNames(onCurated, curated));

        var links = CuratedLinks(onet, curated);
        edges.AddRange(links.GroupBy(l => (l.CareerId, l.OccupationId)).Select(TitleLink));

        var document = new GraphDocument(
            [.. careers.Values],
            skills,
            [.. industries.Values],
            edges,
            aliases);
        return new OnetGraph(document, skipped, links, onCurated);
    }

    /// <summary>O*NET's name for a technology on a curated skill ("Oracle Java"), as an alias of that skill, so the name finds it.</summary>
    private static IEnumerable<Alias> TechnologyNames(Dictionary<string, string> onCurated, GraphDocument curated)
    {
        var names = curated.Skills.Select(s => (s.Id, Key: Names.Key(s.Name))).Concat(curated.Aliases.Select(a => (Id: a.TargetId, a.Key))).ToHashSet();
        return onCurated
            .Where(t => !names.Contains((t.Value, Names.Key(t.Key))))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new Alias(t.Key, t.Value));
    }

    /// <summary>A curated career and an occupation that share titles: a weak link that says which titles.</summary>
    private static Edge TitleLink(IGrouping<(string CareerId, string OccupationId), CuratedLink> shared)
    {
        var titles = shared.Select(l => l.MatchedTitle).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var unique = shared.Any(l => l.Unique);
        return new Edge(shared.Key.CareerId, shared.Key.OccupationId, EdgeKind.SeeAlso)
        {
            Weight = unique ? UniqueTitleLinkWeight : AmbiguousTitleLinkWeight,
            Tier = unique ? UniqueTitleLinkTier : AmbiguousTitleLinkTier,
            Reason = (titles.Count == 1 ? "Shared job title: " : "Shared job titles: ") + string.Join(", ", titles),
        };
    }

    private static GraphDocument Curated(GraphDocument stored)
    {
        var ids = stored.Nodes.Where(n => n.Source != Source).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return new GraphDocument(
            [.. stored.Careers.Where(c => ids.Contains(c.Id))],
            [.. stored.Skills.Where(s => ids.Contains(s.Id))],
            [.. stored.Industries.Where(i => ids.Contains(i.Id))],
            [],
            [.. stored.Aliases.Where(a => ids.Contains(a.TargetId))]);
    }

    private static SortedDictionary<string, Career> Careers(OnetDatabase onet)
    {
        var zones = onet.JobZones.GroupBy(z => z.Code).ToDictionary(g => g.Key, g => g.First().Zone);
        var duties = onet.Tasks
            .GroupBy(t => t.Code)
            .ToDictionary(g => g.Key, g => g
                .OrderBy(t => t.Type switch { "Core" => 0, "Supplemental" => 1, _ => 2 })
                .ThenBy(t => t.Line)
                .Select(t => t.Text)
                .Distinct()
                .Take(MaxDuties)
                .ToList());

        var careers = new SortedDictionary<string, Career>(StringComparer.Ordinal);
        foreach (var occupation in onet.Occupations)
        {
            var id = CareerId(occupation.Code);
            careers[id] = new Career(id, occupation.Title)
            {
                Description = occupation.Description is "" or "n/a" ? null : occupation.Description,
                SocCode = occupation.Code,
                JobZone = zones.TryGetValue(occupation.Code, out var zone) ? zone : null,
                Duties = duties.GetValueOrDefault(occupation.Code, []),
                Source = Source,
            };
        }
        return careers;
    }

    /// <summary>Alternate and reported titles; a title of several occupations becomes an alias of each of them.</summary>
    private static List<Alias> Aliases(OnetDatabase onet, SortedDictionary<string, Career> careers, List<SkippedRow> skipped)
    {
        var ownNames = careers.ToDictionary(c => c.Key, c => Names.Key(c.Value.Name), StringComparer.Ordinal);
        var aliases = new List<Alias>(onet.Titles.Count);
        var seen = new HashSet<(string Key, string Target)>();
        foreach (var title in onet.Titles)
        {
            var target = CareerId(title.Code);
            var key = Names.Key(title.Title);
            if (title.Title.Length > GraphRules.MaxNameLength)
                skipped.Add(new SkippedRow(title.File, title.Line, $"the title has {title.Title.Length} characters; the limit is {GraphRules.MaxNameLength}."));
            else if (key != ownNames[target] && seen.Add((key, target)))
                aliases.Add(new Alias(title.Title, target));
        }
        return aliases;
    }

    private static IEnumerable<Edge> SeeAlso(OnetDatabase onet) =>
        onet.Relations
            .GroupBy(r => (r.Code, r.Tier))
            .SelectMany(tier => tier.OrderBy(r => r.Index).ThenBy(r => r.Line).Select((relation, rank) => (relation, rank)))
            .OrderBy(x => x.relation.Index)
            .DistinctBy(x => (x.relation.Code, x.relation.RelatedCode))
            .Select(x =>
            {
                var (tier, weight) = RelatedOccupationWeights.For(x.relation.Tier, x.rank);
                return new Edge(CareerId(x.relation.Code), CareerId(x.relation.RelatedCode), EdgeKind.SeeAlso) { Weight = weight, Tier = tier };
            });

    /// <summary>
    /// Skills and REQUIRES edges. A technology the map names as a curated skill is that skill, and the curated skill is
    /// returned with <c>hot</c> set when O*NET flags any technology on it (its other properties untouched).
    /// </summary>
    private static (List<Skill> Skills, List<Edge> Requires, Dictionary<string, string> OnCurated) Skills(
        OnetDatabase onet, GraphDocument curated, TechnologyMap map, HashSet<string> taken, List<SkippedRow> skipped)
    {
        var curatedSkills = curated.Skills.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (entry, line) in map.Entries.Select((e, i) => (e, i + 1)).Where(x => !curatedSkills.ContainsKey(x.e.Skill)))
            skipped.Add(new SkippedRow(TechnologyMap.FileName, line, $"the technology '{entry.Technology}' is mapped to '{entry.Skill}', which is no curated skill; it stays a skill of its own."));
        string? CuratedSkill(string name) => map.SkillOf(name) is { } id && curatedSkills.ContainsKey(id) ? id : null;
        var madeHot = new SortedDictionary<string, Skill>(StringComparer.Ordinal);

        // One skill per technology name, compared as a key; its spelling and category are the most frequent ones.
        var rows = onet.Technologies.Select(t => (Key: Names.Key(t.Example), Technology: t)).ToList();
        var skills = new List<Skill>();
        var idByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var onCurated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var technology in rows.GroupBy(r => r.Key, r => r.Technology).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = MostCommon(technology.Select(t => t.Example));
            if (CuratedSkill(name) is { } curatedId)
            {
                idByKey[technology.Key] = curatedId;
                onCurated[name] = curatedId;
                if (technology.Any(t => t.Hot) && curatedSkills[curatedId] is { Hot: false } cold)
                    madeHot[curatedId] = cold with { Hot = true };
                continue;
            }
            var id = NewSkillId(name, taken);
            idByKey[technology.Key] = id;
            skills.Add(new Skill(id, name)
            {
                Category = MostCommon(technology.Select(t => t.CommodityTitle).Where(c => c is not ("" or "n/a"))) is { Length: > 0 } category ? category : null,
                Hot = technology.Any(t => t.Hot),
                Source = Source,
            });
        }

        var requires = new Dictionary<(string Career, string Skill), bool>();
        foreach (var (key, technology) in rows)
        {
            ref var hot = ref CollectionsMarshal.GetValueRefOrAddDefault(requires, (CareerId(technology.Code), idByKey[key]), out _);
            hot |= technology.Hot;
        }
        var edges = requires.Select(r => r.Value
            ? new Edge(r.Key.Career, r.Key.Skill, EdgeKind.Requires) { Importance = HotImportance, Core = true }
            : new Edge(r.Key.Career, r.Key.Skill, EdgeKind.Requires) { Importance = OtherImportance, Core = false }).ToList();
        return ([.. skills.Concat(madeHot.Values).OrderBy(s => s.Id, StringComparer.Ordinal)], edges, onCurated);
    }

    /// <summary>The most frequent spelling, ties broken by ordinal order, so the choice is stable.</summary>
    private static string MostCommon(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values) counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).FirstOrDefault() ?? "";
    }

    /// <summary>
    /// A readable id for a new skill: its slug ("C#" → "c-sharp"), else "skill-" and the slug when another node
    /// has that id, else with a number after it. Ids are unique across careers, skills and industries.
    /// </summary>
    private static string NewSkillId(string name, HashSet<string> taken)
    {
        var slug = Names.Slug(name.Replace("++", " plus plus ").Replace("+", " plus ").Replace("#", " sharp "));
        if (taken.Add(slug)) return slug;
        var prefixed = Fit("skill-" + slug, "");
        if (taken.Add(prefixed)) return prefixed;
        for (var n = 2; ; n++)
            if (Fit(prefixed, $"-{n}") is var numbered && taken.Add(numbered))
                return numbered;

        static string Fit(string id, string suffix) =>
            (id.Length + suffix.Length > Names.MaxIdLength ? id[..(Names.MaxIdLength - suffix.Length)].TrimEnd('-') : id) + suffix;
    }

    /// <summary>Curated careers whose name or alias is exactly an O*NET title or alias (compared as <see cref="Names.Key"/>).</summary>
    private static List<CuratedLink> CuratedLinks(OnetDatabase onet, GraphDocument curated)
    {
        var aliasesByCareer = curated.Aliases.ToLookup(a => a.TargetId, a => a.Name);
        var titlesOfCareers = curated.Careers
            .SelectMany(c => aliasesByCareer[c.Id].Prepend(c.Name).Select(title => (Key: Names.Key(title), Title: title, CareerId: c.Id)))
            .ToLookup(t => t.Key);

        // Scan O*NET's titles once for the few keys curated careers carry.
        var occupationsByKey = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (code, title) in onet.Occupations.Select(o => (o.Code, o.Title)).Concat(onet.Titles.Select(t => (t.Code, t.Title))))
            if (Names.Key(title) is var key && titlesOfCareers.Contains(key))
                (CollectionsMarshal.GetValueRefOrAddDefault(occupationsByKey, key, out _) ??= new SortedSet<string>(StringComparer.Ordinal)).Add(CareerId(code));

        var links = new List<CuratedLink>();
        foreach (var (key, occupations) in occupationsByKey)
            foreach (var (_, title, careerId) in titlesOfCareers[key])
                links.AddRange(occupations.Select(o => new CuratedLink(careerId, o, title, occupations.Count == 1)));
        return [.. links.OrderBy(l => l.CareerId, StringComparer.Ordinal).ThenBy(l => l.OccupationId, StringComparer.Ordinal)];
    }
}
