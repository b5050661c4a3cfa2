using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CareerGraph.Api.Hosting;
using CareerGraph.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>
/// With telemetry on, store operations are timed as spans and measurements and GraphQL.NET traces executions; with it
/// off, neither the store nor the execution is wrapped.
/// </summary>
public sealed class TelemetryTests
{
    private sealed class TelemetryApp(bool enabled) : CareerGraphApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CareerGraph:Telemetry:Enabled", enabled ? "true" : "false");
            builder.UseSetting("CareerGraph:Telemetry:Exporter", "console");
        }
    }

    [Fact]
    public async Task Store_operations_are_measured_and_traced_when_telemetry_is_on()
    {
        var measured = new ConcurrentBag<string>();
        var spans = new ConcurrentBag<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "operation") measured.Add((string)tag.Value!);
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.Name or GraphQLSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => spans.Add(activity.Source.Name + ": " + activity.DisplayName),
        };
        ActivitySource.AddActivityListener(activities);

        await using var app = new TelemetryApp(enabled: true);
        Assert.IsAssignableFrom<InstrumentedStore>(app.Services.GetRequiredService<ICareerGraphStore>());
        await app.QueryAsync("""{ path(from: "ML Engineer", to: "Cloud Engineer") { hops } }""");

        Assert.Contains("FindPaths", measured);
        Assert.Contains("Resolve", measured);
        Assert.Contains(Telemetry.Name + ": store FindPaths", spans);
        Assert.Contains(spans, span => span.StartsWith(GraphQLSource + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_telemetry_off_the_store_is_used_directly_and_executions_are_not_traced()
    {
        // Listening to GraphQL.NET's source: when the execution is wrapped, a listener makes it trace.
        var spans = new ConcurrentBag<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GraphQLSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => spans.Add(activity.DisplayName),
        };
        ActivitySource.AddActivityListener(activities);

        await using var app = new TelemetryApp(enabled: false);
        Assert.IsNotAssignableFrom<InstrumentedStore>(app.Services.GetRequiredService<ICareerGraphStore>());
        await app.QueryAsync("""{ path(from: "ML Engineer", to: "Cloud Engineer") { hops } }""");
        Assert.Empty(spans);
    }

    /// <summary>The activity source GraphQL.NET's telemetry traces executions with.</summary>
    private const string GraphQLSource = "GraphQL";
}
