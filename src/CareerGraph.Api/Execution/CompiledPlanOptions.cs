namespace CareerGraph.Api.Execution;

/// <summary>How queries are executed ("CareerGraph:Execution"). Documented in docs/performance.md.</summary>
internal sealed class CompiledPlanOptions
{
    public const string Section = "CareerGraph:Execution";

    /// <summary>
    /// Whether a query of a kept document runs from a plan compiled once per operation (<see cref="CompiledQueryStrategy"/>);
    /// false runs every query with GraphQL.NET's general executor, as before the plans.
    /// </summary>
    public bool CompiledPlans { get; set; } = true;
}
