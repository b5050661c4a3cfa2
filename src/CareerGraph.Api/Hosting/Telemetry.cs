using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
using CareerGraph.Curation;
using CareerGraph.Store;
using GraphQL;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CareerGraph.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics, on only when configured (CareerGraph:Telemetry:Enabled): request duration
/// (ASP.NET Core), GraphQL execution (GraphQL.NET), store operation duration (this file) and outgoing HTTP,
/// which for the Neo4j backend is one span and one measurement per Query API round trip. When off, nothing is
/// registered and the store is not wrapped, so it costs nothing.
/// </summary>
internal static class Telemetry
{
    public const string Name = "CareerGraph";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static IServiceCollection AddCareerGraphTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("CareerGraph:Telemetry").Get<TelemetryOptions>() ?? new();
        return options.Enabled ? AddOpenTelemetry(services, options) : services;
    }

    // A method of its own: OpenTelemetry's assemblies load only when telemetry is on.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IServiceCollection AddOpenTelemetry(IServiceCollection services, TelemetryOptions options)
    {
        services.AddGraphQL(graphql => graphql.UseTelemetry()); // GraphQL.NET's spans: one more step around every execution
        var store = services.Last(d => d.ServiceType == typeof(ICareerGraphStore));
        services.Remove(store);
        services.AddSingleton(provider => InstrumentedStore.Wrap((ICareerGraphStore)(store.ImplementationInstance ?? store.ImplementationFactory!(provider))));

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Name, "GraphQL").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.Exporter.Equals("console", StringComparison.OrdinalIgnoreCase)) tracing.AddConsoleExporter();
                else tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.Exporter.Equals("console", StringComparison.OrdinalIgnoreCase)) metrics.AddConsoleExporter();
                else metrics.AddOtlpExporter();
            });
        return services;
    }

    public sealed class TelemetryOptions
    {
        public bool Enabled { get; set; }

        /// <summary>"otlp" (endpoint from OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317) or "console".</summary>
        public string Exporter { get; set; } = "otlp";

        public string ServiceName { get; set; } = "careergraph";
    }
}

/// <summary>Times every store operation as a span and a histogram measurement, whatever the backend.</summary>
internal class InstrumentedStore : DispatchProxy
{
    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram<double>(
        "careergraph.store.operation.duration", unit: "s", description: "Duration of store operations.");

    private ICareerGraphStore _inner = null!;

    /// <summary>The store it times.</summary>
    protected ICareerGraphStore Inner => _inner;

    /// <summary>Wraps a store; the wrapper is an <see cref="ISnapshotStore"/> exactly when the store is.</summary>
    public static ICareerGraphStore Wrap(ICareerGraphStore inner)
    {
        var proxy = inner is ISnapshotStore
            ? Create<ICareerGraphStore, InstrumentedSnapshotStore>()
            : Create<ICareerGraphStore, InstrumentedStore>();
        ((InstrumentedStore)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        var operation = method!.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
        var activity = Telemetry.Source.StartActivity($"store {operation}");
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            Record(activity, operation, started, e.InnerException);
            throw e.InnerException;
        }
        if (result is Task task)
            task.ContinueWith(t => Record(activity, operation, started, t.Exception?.InnerException), TaskScheduler.Default);
        else
            Record(activity, operation, started, null);
        return result;
    }

    private static void Record(Activity? activity, string operation, long started, Exception? error)
    {
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        if (error is not null) activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        activity?.Dispose();
    }
}

/// <summary>
/// Times a store that answers from snapshots, and passes its snapshot and the snapshot's version through untimed: a
/// read of the snapshot is a lookup in memory, not a store operation.
/// </summary>
internal class InstrumentedSnapshotStore : InstrumentedStore, ISnapshotStore
{
    public long SnapshotVersion => ((ISnapshotStore)Inner).SnapshotVersion;

    public IGraphFacts Snapshot => ((ISnapshotStore)Inner).Snapshot;
}
