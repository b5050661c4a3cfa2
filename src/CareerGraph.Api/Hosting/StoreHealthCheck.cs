using CareerGraph.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareerGraph.Api.Hosting;

/// <summary>Ready means the service has started (<see cref="StartGate"/>) and the store answers a query.</summary>
internal sealed class StoreHealthCheck(ICareerGraphStore store, StartGate gate) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Not ready yet, but nothing is wrong: /ready answers Degraded with 503 (Program.cs), logged as a warning.
        if (!gate.IsOpen) return HealthCheckResult.Degraded("Starting: the graph is loading.");
        try
        {
            var stats = await store.GetStatsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{stats.Nodes.Values.Sum()} nodes, {stats.Edges.Values.Sum()} edges");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer: " + e.Message);
        }
    }
}
