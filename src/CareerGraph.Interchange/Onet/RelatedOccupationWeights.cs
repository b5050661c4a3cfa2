namespace CareerGraph.Interchange.Onet;

/// <summary>
/// Turns O*NET's relatedness tier and rank into a SEE_ALSO tier and weight. Each tier owns a band of weights
/// that do not overlap, and within a tier the weight falls by a fixed step per rank (the occupation's first link
/// of that tier has rank 0):
/// <code>
///   tier 1  Primary-Short  0.90 − 0.050 × rank   (0.90 … 0.70 for O*NET's five)
///   tier 2  Primary-Long   0.60 − 0.025 × rank   (0.60 … 0.50 for O*NET's five)
///   tier 3  Supplemental   0.40 − 0.025 × rank   (0.40 … 0.175 for O*NET's ten)
/// </code>
/// never below 0.05. Primary links reach the default minimum weight of paths (0.5), so paths walk them;
/// supplemental links stay below it and are walked only when a client lowers minWeight.
/// </summary>
internal static class RelatedOccupationWeights
{
    private static readonly Dictionary<string, (int Tier, double Top, double Step)> Bands = new()
    {
        ["Primary-Short"] = (1, 0.90, 0.050),
        ["Primary-Long"] = (2, 0.60, 0.025),
        ["Supplemental"] = (3, 0.40, 0.025),
    };

    public const double Floor = 0.05;

    public static (int Tier, double Weight) For(string tier, int rank)
    {
        var band = Bands[tier];
        return (band.Tier, Math.Round(Math.Max(Floor, band.Top - band.Step * rank), 3));
    }
}
