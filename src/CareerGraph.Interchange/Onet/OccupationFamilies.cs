using CareerGraph.Model;

namespace CareerGraph.Interchange.Onet;

/// <summary>
/// The 23 major groups of the 2018 Standard Occupational Classification, named by the first two digits of an
/// O*NET-SOC code. CareerGraph stores each as an Industry, the occupation family of the careers in it.
/// </summary>
internal static class OccupationFamilies
{
    private static readonly Dictionary<string, string> Groups = new()
    {
        ["11"] = "Management",
        ["13"] = "Business and Financial Operations",
        ["15"] = "Computer and Mathematical",
        ["17"] = "Architecture and Engineering",
        ["19"] = "Life, Physical, and Social Science",
        ["21"] = "Community and Social Service",
        ["23"] = "Legal",
        ["25"] = "Educational Instruction and Library",
        ["27"] = "Arts, Design, Entertainment, Sports, and Media",
        ["29"] = "Healthcare Practitioners and Technical",
        ["31"] = "Healthcare Support",
        ["33"] = "Protective Service",
        ["35"] = "Food Preparation and Serving Related",
        ["37"] = "Building and Grounds Cleaning and Maintenance",
        ["39"] = "Personal Care and Service",
        ["41"] = "Sales and Related",
        ["43"] = "Office and Administrative Support",
        ["45"] = "Farming, Fishing, and Forestry",
        ["47"] = "Construction and Extraction",
        ["49"] = "Installation, Maintenance, and Repair",
        ["51"] = "Production",
        ["53"] = "Transportation and Material Moving",
        ["55"] = "Military Specific",
    };

    public static int Count => Groups.Count;

    /// <summary>The family of an O*NET-SOC code ("15-1299.08" → Computer and Mathematical), or null for an unknown group.</summary>
    public static Industry? Of(string socCode) =>
        socCode.Length >= 2 && Groups.TryGetValue(socCode[..2], out var name)
            ? new Industry("onet-" + Names.Slug(name), name)
            {
                Description = $"O*NET occupation family: SOC major group {socCode[..2]}-0000, {name} Occupations.",
                Source = OnetMapping.Source,
            }
            : null;
}
