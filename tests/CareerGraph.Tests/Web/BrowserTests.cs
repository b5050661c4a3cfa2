using System.Diagnostics;

namespace CareerGraph.Tests.Web;

/// <summary>Runs only where Chromium is installed; elsewhere the test is skipped and says why.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? Chromium))
            Skip = $"Chromium is not installed at {Chromium} (apt-get install chromium), so the browser tests in tests/browser did not run.";
    }
}

/// <summary>
/// The browser tests (tests/browser: the IDE and the explorer in headless Chromium) run as part of the test
/// suite, so that one command runs every test. They start the built service themselves.
/// </summary>
public sealed class BrowserTests
{
    [ChromiumFact]
    public async Task The_ide_and_the_explorer_pass_their_browser_tests()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "browser");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            Assert.Equal(0, (await RunAsync(folder, "npm", "ci --no-audit --no-fund")).ExitCode);
        var (exitCode, output) = await RunAsync(folder, "npm", "test");
        Assert.True(exitCode == 0, "The browser tests failed:\n" + output);
        Assert.Contains("# fail 0", output);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string folder, string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command} {arguments}' in {folder} did not finish within 10 minutes.");
        }
        return (process.ExitCode, await output + await error);
    }
}
