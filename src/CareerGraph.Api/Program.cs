using CareerGraph.Api.Caching;
using CareerGraph.Api.Cli;
using CareerGraph.Api.Documents;
using CareerGraph.Api.Hosting;
using CareerGraph.Api.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;

// seed, import, export and stats run and exit (see Cli/); "serve", the default, goes on to start the service.
var command = await CareerGraphCli.InvokeAsync(args);
if (command.ExitCode is { } exitCode) return exitCode;

// The service's own folder, not the working folder: pages, seeds and appsettings.json travel with the build. The slim
// host: the default one also loads HTTP/3, IIS integration and log providers the service never uses (Serilog writes
// the log); HTTPS endpoints from configuration are put back where configuration asks for HTTPS (Hosting/HttpsSettings.cs).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = command.HostArguments, ContentRootPath = AppContext.BaseDirectory });
if (HttpsSettings.Requested(builder.Configuration)) builder.WebHost.UseKestrelHttpsConfiguration();
builder.Services.AddSerilog((services, logger) => logger
    // The sinks' assemblies named, so that reading the settings does not scan every assembly beside the service on each start.
    .ReadFrom.Configuration(builder.Configuration, new Serilog.Settings.Configuration.ConfigurationReaderOptions(
        typeof(Serilog.ConsoleLoggerConfigurationExtensions).Assembly, typeof(Serilog.FileLoggerConfigurationExtensions).Assembly))
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
try
{
    builder.Services.AddCareerGraphStore(builder.Configuration);
}
catch (CannotStartException e)
{
    return CannotStart(e);
}
builder.Services.AddCareerGraphApi(builder.Configuration);
builder.Services.AddCareerGraphDocuments(builder.Configuration);
builder.Services.AddCareerGraphResponseCache(builder.Configuration);
builder.Services.AddCareerGraphCompression();
builder.Services.AddCareerGraphSecurity(builder.Configuration);
builder.Services.AddCareerGraphTelemetry(builder.Configuration);
builder.Services.AddCareerGraphWeb(builder.Configuration);
builder.Services.AddHostedService<PipelineWarmUp>(); // after the store's own start-up checks, once the gate opens

var app = builder.Build();
// The service listens at once; the schema is built, the graph loaded and the seeds checked meanwhile, and requests
// that come before then wait for them (Hosting/StartGate.cs).
var options = app.Services.GetRequiredService<CareerGraphOptions>();
var gate = app.Services.GetRequiredService<StartGate>();
gate.OpenAfter(() => PrepareAsync(app.Services, options));
app.UseSerilogRequestLogging(logging =>
{
    logging.GetLevel = StartGate.RequestLogLevel;
    // Given once: without it, the middleware asks Serilog's static logger for a new logger of its context per request.
    logging.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
});
app.Use(gate.PassAsync);
app.UseResponseCompression();
app.UseCareerGraphWeb();
app.UseCareerGraphSecurity();
app.UseWebSockets(); // GraphQL over WebSocket on /graphql (Http/GraphQLWebSocket.cs)
app.MapGraphQL("/graphql");
app.MapHealthChecks(Probes.Health, new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks(Probes.Ready, new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    // Starting is Degraded (StoreHealthCheck): not ready, and not an error to log at every probe.
    ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
});
app.MapGet("/", http =>
{
    http.Response.Redirect("/graphql"); // a request delegate: a minimal-API handler would be compiled by the first request
    return Task.CompletedTask;
});

try
{
    await app.StartAsync();
    await gate.Ready;
}
// IOException: Kestrel cannot bind an address (one in use) or find a certificate file. InvalidOperationException or
// CryptographicException while the host starts: Kestrel cannot set up an HTTPS endpoint (no certificate, or one it cannot
// read); the host has logged the whole exception.
catch (Exception e) when (e is CareerGraph.Neo4j.QueryApi.Neo4jException or CareerGraph.Embedded.GraphLoadException or IOException
    || (e is InvalidOperationException or System.Security.Cryptography.CryptographicException && !app.Lifetime.ApplicationStarted.IsCancellationRequested))
{
    return CannotStart(e);
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    // Stopped while starting (SIGTERM, Ctrl+C): stop as any stop does, below.
}
await app.WaitForShutdownAsync();
return 0;

// What the service needs before it answers: the schema (its resolvers ask for the store, which then loads its graph in
// the background: SqliteGraphStore.Loaded), the graph, and this version of the seeds.
static async Task PrepareAsync(IServiceProvider services, CareerGraphOptions options)
{
    services.GetRequiredService<GraphQL.Types.ISchema>().Initialize();
    await StoreRegistration.LoadedAsync(services);
    if (options.Seeds.LoadOnStart)
        await services.GetRequiredService<Seeder>().LoadAsync(options.Seeds.ResolvedPath);
}

// A store that cannot be used (Neo4j unreachable, refusing the credentials, too old; limits beyond what it can search; an
// embedded graph that cannot be loaded), or an address that cannot be listened on (in use; HTTPS without a certificate it
// can read), stops the start, saying why.
static int CannotStart(Exception e)
{
    Console.Error.WriteLine($"CareerGraph cannot start: {e.Message.ReplaceLineEndings(" ")}");
    return 1;
}

/// <summary>The web host; public so that tests can start it in-process.</summary>
public partial class Program;
