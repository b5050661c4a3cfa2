using System.Text.Json.Nodes;
using CareerGraph.Api.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The service listens while it starts: requests wait for the start to end, the probes do not, a failed start is told,
/// and no service of the framework's that the API does not use (data protection's key ring) runs at every start.
/// </summary>
public sealed class StartGateTests : IDisposable
{
    private readonly CareerGraphApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_request_that_comes_while_the_service_starts_waits_for_the_start_and_goes_on()
    {
        var gate = new StartGate();
        var started = new TaskCompletionSource();
        gate.OpenAfter(() => started.Task);
        var passed = new List<string>();
        RequestDelegate next = http => { passed.Add(http.Request.Path); return Task.CompletedTask; };

        var query = gate.PassAsync(Request("/graphql"), next);
        await gate.PassAsync(Request("/health"), next);
        await gate.PassAsync(Request("/ready"), next);
        await Task.Delay(50);
        Assert.Equal(["/health", "/ready"], passed); // the probes at once, the query held
        Assert.False(query.IsCompleted);

        started.SetResult();
        await query.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["/health", "/ready", "/graphql"], passed);
        Assert.True(gate.IsOpen);
    }

    [Fact]
    public async Task A_caller_who_leaves_while_waiting_is_not_held()
    {
        var gate = new StartGate();
        gate.OpenAfter(() => new TaskCompletionSource().Task); // a start that never ends
        using var leaving = new CancellationTokenSource();
        var http = Request("/graphql");
        http.RequestAborted = leaving.Token;
        var nextCalled = false;

        var waiting = gate.PassAsync(http, _ => { nextCalled = true; return Task.CompletedTask; });
        await leaving.CancelAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(nextCalled);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, http.Response.StatusCode);
    }

    [Fact]
    public async Task A_start_that_fails_tells_the_waiting_callers_503_with_a_code_and_faults_with_its_own_exception()
    {
        var gate = new StartGate();
        var failing = new TaskCompletionSource();
        gate.OpenAfter(() => failing.Task);
        var http = Request("/graphql");
        http.RequestServices = _app.Services;
        http.Response.Body = new MemoryStream();

        var waiting = gate.PassAsync(http, _ => throw new InvalidOperationException("must not run"));
        failing.SetException(new CareerGraph.Embedded.GraphLoadException("graph.db", new IOException("disk")));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        var answer = JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!;
        Assert.Equal("SERVICE_UNAVAILABLE", (string?)answer["errors"]![0]!["extensions"]!["code"]);
        await Assert.ThrowsAsync<CareerGraph.Embedded.GraphLoadException>(() => gate.Ready); // what Program reports, unwrapped
        Assert.False(gate.IsOpen);
    }

    [Fact]
    public async Task Ready_is_degraded_until_the_gate_opens()
    {
        var store = _app.Services.GetRequiredService<CareerGraph.Store.ICareerGraphStore>();
        var gate = new StartGate();
        var started = new TaskCompletionSource();
        gate.OpenAfter(() => started.Task);
        var check = new StoreHealthCheck(store, gate);

        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status); // 503 at /ready, a warning in the log
        started.SetResult();
        await gate.Ready;
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public void Data_protection_reads_no_key_ring_at_start()
    {
        var dataProtection = typeof(Microsoft.AspNetCore.DataProtection.DataProtectionOptions).Assembly;
        var hosted = _app.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, service => service is PipelineWarmUp); // the list is the service's own
        Assert.DoesNotContain(hosted, service => service.GetType().Assembly == dataProtection);
    }

    [Theory]
    [InlineData("/ready", 503, false, Serilog.Events.LogEventLevel.Debug)]
    [InlineData("/health", 200, false, Serilog.Events.LogEventLevel.Debug)]
    [InlineData("/ready", 500, true, Serilog.Events.LogEventLevel.Error)]
    [InlineData("/graphql", 503, false, Serilog.Events.LogEventLevel.Error)]
    [InlineData("/graphql", 200, false, Serilog.Events.LogEventLevel.Information)]
    [InlineData("/graphql", 200, true, Serilog.Events.LogEventLevel.Error)]
    public void Probes_are_logged_at_debug_and_everything_else_as_before(string path, int status, bool fault, Serilog.Events.LogEventLevel level)
    {
        var http = Request(path);
        http.Response.StatusCode = status;
        Assert.Equal(level, StartGate.RequestLogLevel(http, 1.0, fault ? new InvalidOperationException() : null));
    }

    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path } };
}
