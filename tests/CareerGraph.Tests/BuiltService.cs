using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CareerGraph.Tests;

/// <summary>What tests need to start the built service as a process of its own.</summary>
public static class BuiltService
{
    /// <summary>The service's assembly in the same configuration as the tests (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Assembly() => Built(Path.Combine("src", "CareerGraph.Api"), "CareerGraph.Api.dll");

    /// <summary>An assembly of the project in <paramref name="projectFolder"/>, built in the same configuration as the tests.</summary>
    public static string Built(string projectFolder, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepoPaths.Root, projectFolder, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectFolder} first: {path} is missing.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The built service started on <paramref name="address"/> with the given settings (environment variables), for a
    /// start that is to fail: its exit code, standard output and standard error once it exits (within 60 s).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(string address, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Assembly(), "--urls", address]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in settings) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await output, errors);
    }

    /// <summary>
    /// The built service serving on a free loopback port with the given settings (environment variables), started in
    /// <paramref name="workingDirectory"/> when given; returned once it is ready (/ready), its output collected.
    /// </summary>
    public static Task<RunningService> StartAsync(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        return StartAsync(["--urls", address], settings, new Uri(address), handler: null, workingDirectory);
    }

    /// <summary>
    /// The built service serving where its settings say (Kestrel:Endpoints), reached at <paramref name="address"/>
    /// through <paramref name="handler"/> (an HTTPS endpoint's certificate check, say); returned once it is ready.
    /// </summary>
    public static Task<RunningService> StartAsync(IReadOnlyDictionary<string, string> settings, Uri address, HttpMessageHandler handler) =>
        StartAsync([], settings, address, handler, workingDirectory: null);

    private static async Task<RunningService> StartAsync(
        string[] arguments, IReadOnlyDictionary<string, string> settings, Uri address, HttpMessageHandler? handler, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [Assembly(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var service = new RunningService(Process.Start(start)!, address, handler);
        try
        {
            await service.WaitUntilHealthyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A service process started by <see cref="BuiltService.StartAsync"/>: its port, a client for it, and what it has logged.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    internal RunningService(Process process, Uri address, HttpMessageHandler? handler)
    {
        _process = process;
        Port = address.Port;
        Http = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public HttpClient Http { get; }

    /// <summary>Stops the service as an orchestrator does (SIGTERM) and returns its exit code, once it has exited (within 30 s).</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return _process.ExitCode;
    }

    /// <summary>Everything the service has written to standard output and error so far.</summary>
    public string Log()
    {
        lock (_log) return _log.ToString();
    }

    internal async Task WaitUntilHealthyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with code {_process.ExitCode} while starting: {Log()}");
            try
            {
                if ((await Http.GetAsync("/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service was not ready (/ready) within 90 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
