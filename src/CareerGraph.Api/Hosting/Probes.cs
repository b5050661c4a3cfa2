namespace CareerGraph.Api.Hosting;

/// <summary>
/// The orchestrator's probes: <c>/health</c> (the process is up) and <c>/ready</c> (the service answers). They pass the
/// start gate and the rate limit, and are logged at debug (<see cref="StartGate"/>).
/// </summary>
internal static class Probes
{
    public const string Health = "/health";
    public const string Ready = "/ready";

    public static bool Is(PathString path) => path.StartsWithSegments(Health) || path.StartsWithSegments(Ready);
}
