using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
using Xunit.Abstractions;

namespace CareerGraph.Tests.Deployment;

/// <summary>
/// The Dockerfile, run here without Docker: its stages in order, each in a folder of its own standing for the image's
/// file system; COPY takes exactly the build context (the checkout less .dockerignore) or another stage's files; RUN runs
/// with only the tools that stage's base image has (Node.js in the node stage; the .NET SDK alone, no Node, in the SDK
/// stage). Every stage starts with empty NuGet and npm caches, as an image build does, so a package that only this
/// machine's warm caches hold fails here as it would in <c>docker build</c>. Then the published service is started from
/// its output folder, as the runtime stage's ENTRYPOINT does.
/// </summary>
public sealed partial class DockerfileDryRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("careergraph-docker-").FullName;

    [Fact]
    public async Task The_Dockerfile_builds_the_service_and_the_image_serves_health_and_the_explorer()
    {
        var app = await BuildImageAsync(targetArch: NativeArch());

        Assert.Equal(ReadyToRunMachine(NativeArch()), CompiledFor(Path.Combine(app, "CareerGraph.Api.dll")));
        await using var service = await StartAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/health")).StatusCode);
        var explore = await service.Http.GetAsync("/explore");
        Assert.Equal(HttpStatusCode.OK, explore.StatusCode);
        Assert.Contains("<html", await explore.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_Dockerfile_builds_an_arm64_image_with_code_compiled_for_arm64()
    {
        var app = await BuildImageAsync(targetArch: NativeArch() == "arm64" ? "amd64" : "arm64");

        Assert.Equal(ReadyToRunMachine(NativeArch() == "arm64" ? "amd64" : "arm64"), CompiledFor(Path.Combine(app, "CareerGraph.Api.dll")));
    }

    /// <summary>Runs every stage as BuildKit would for <paramref name="targetArch"/> (its TARGETARCH); returns the runtime stage's /app.</summary>
    private async Task<string> BuildImageAsync(string targetArch)
    {
        var context = BuildContext();
        Assert.DoesNotContain(context, f => f.Contains("/bin/") || f.Contains("node_modules") || f.StartsWith("tests/"));

        string? runtime = null;
        foreach (var stage in Stages(File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"))))
        {
            runtime = await RunStageAsync(stage, context, new Dictionary<string, string> { ["TARGETARCH"] = targetArch });
        }
        var app = Path.Combine(runtime!, "app");
        Assert.True(File.Exists(Path.Combine(app, "CareerGraph.Api.dll")), "the runtime stage has the published service");
        return app;
    }

    private static string NativeArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new NotSupportedException($"The image is built for amd64 or arm64; this machine is {other}."),
    };

    // A ReadyToRun image for Linux marks its machine XOR 0x7B79 (the runtime's IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE).
    private static Machine ReadyToRunMachine(string arch) => (Machine)((ushort)(arch == "arm64" ? Machine.Arm64 : Machine.Amd64) ^ 0x7B79);

    /// <summary>The machine a published assembly's ahead-of-time code is for; fails if it has none (plain IL).</summary>
    private static Machine CompiledFor(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        Assert.True(pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, $"{Path.GetFileName(assembly)} is not ReadyToRun: publish compiled no code ahead of time.");
        return pe.PEHeaders.CoffHeader.Machine;
    }

    /// <summary>The files Docker sends as the build context: everything under the checkout that .dockerignore does not exclude.</summary>
    private static HashSet<string> BuildContext()
    {
        var matcher = new Matcher();
        matcher.AddInclude("**/*");
        foreach (var line in File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var pattern = line.TrimEnd('/');
            matcher.AddExclude(pattern);
            matcher.AddExclude(pattern + "/**");
        }
        return [.. matcher.GetResultsInFullPath(RepoPaths.Root).Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))];
    }

    private sealed record Stage(string Name, string Image, IReadOnlyList<string> Instructions);

    private static IEnumerable<Stage> Stages(string[] lines)
    {
        Stage? stage = null;
        foreach (var line in Instructions(lines))
        {
            if (FromLine().Match(line) is { Success: true } from)
            {
                if (stage is not null) yield return stage;
                stage = new Stage(from.Groups["name"].Success ? from.Groups["name"].Value : "final", from.Groups["image"].Value, new List<string>());
            }
            else ((List<string>)stage!.Instructions).Add(line);
        }
        if (stage is not null) yield return stage;
    }

    /// <summary>The Dockerfile's instructions, one a line: comments and blank lines dropped, continued lines (ending in \) joined.</summary>
    private static IEnumerable<string> Instructions(string[] lines)
    {
        var pending = "";
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.EndsWith('\\')) pending += line[..^1].TrimEnd() + " ";
            else
            {
                yield return pending + line;
                pending = "";
            }
        }
        if (pending.Length > 0) yield return pending.TrimEnd();
    }

    /// <summary>Runs one stage in its own folder (the image's "/"); returns that folder.</summary>
    private async Task<string> RunStageAsync(Stage stage, HashSet<string> context, IReadOnlyDictionary<string, string> buildArgs)
    {
        var fileSystem = Directory.CreateDirectory(Path.Combine(_root, stage.Name)).FullName;
        var workDir = "/";
        var args = new Dictionary<string, string>();
        foreach (var instruction in stage.Instructions)
        {
            var (keyword, rest) = (instruction.Split(' ', 2)[0], instruction.Split(' ', 2).ElementAtOrDefault(1) ?? "");
            switch (keyword)
            {
                case "WORKDIR":
                    workDir = Path.Combine(workDir, rest);
                    Directory.CreateDirectory(InStage(fileSystem, workDir));
                    break;
                case "COPY":
                    Copy(fileSystem, workDir, rest, context);
                    break;
                case "ARG":
                    var (name, value) = (rest.Split('=', 2)[0], rest.Split('=', 2).ElementAtOrDefault(1));
                    args[name] = buildArgs.GetValueOrDefault(name) ?? value ?? "";
                    break;
                case "RUN":
                    await RunAsync(stage, fileSystem, workDir, rest, args);
                    break;
                case "ENV" or "EXPOSE" or "USER" or "ENTRYPOINT":
                    break;
                default:
                    throw new NotSupportedException($"The dry run does not know the Dockerfile instruction {keyword}; teach it or keep the Dockerfile simple.");
            }
        }
        return fileSystem;
    }

    private void Copy(string fileSystem, string workDir, string arguments, HashSet<string> context)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? fromStage = parts[0].StartsWith("--from=") ? parts[0]["--from=".Length..] : null;
        if (fromStage is not null) parts.RemoveAt(0);
        var destination = InStage(fileSystem, Path.Combine(workDir, parts[^1]));
        foreach (var source in parts.SkipLast(1))
        {
            IEnumerable<(string From, string Relative)> files = fromStage is null
                ? context.Where(f => f == source.TrimEnd('/') || f.StartsWith(source.TrimEnd('/') + "/") || source is "." or "./")
                    .Select(f => (Path.Combine(RepoPaths.Root, f), source is "." or "./" ? f : f == source.TrimEnd('/') ? Path.GetFileName(f) : f[(source.TrimEnd('/').Length + 1)..]))
                : FilesIn(InStage(Path.Combine(_root, fromStage), source));
            var any = false;
            foreach (var (from, relative) in files)
            {
                var to = parts[^1].EndsWith('/') || parts[^1] == "." || Directory.Exists(destination) || source.EndsWith('/') || parts.Count > 2
                    ? Path.Combine(destination, relative)
                    : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
                any = true;
            }
            Assert.True(any, $"COPY {source} found nothing to copy (is it excluded by .dockerignore?)");
        }
    }

    private static IEnumerable<(string, string)> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => (f, Path.GetRelativePath(folder, f)));

    /// <summary>
    /// A RUN, with absolute paths of the image mapped into the stage's folder, the stage's ARGs in its environment, only
    /// the base image's tools on PATH (and the shell's basic utilities, which every image has), and the package caches
    /// of a new image: empty folders of the stage's own.
    /// </summary>
    private async Task RunAsync(Stage stage, string fileSystem, string workDir, string command, IReadOnlyDictionary<string, string> args)
    {
        var mapped = AbsolutePath().Replace(command, m => InStage(fileSystem, m.Value));
        var tools = stage.Image.StartsWith("node:") ? Path.GetDirectoryName(Which("node"))!
            : stage.Image.Contains("dotnet/sdk") ? Path.GetDirectoryName(Path.GetFullPath(ResolveLink(Which("dotnet"))))!
            : throw new NotSupportedException($"RUN in a stage from {stage.Image}: the dry run knows the node and dotnet/sdk images only.");
        var start = new ProcessStartInfo("/bin/sh", ["-c", mapped]) { WorkingDirectory = InStage(fileSystem, workDir), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in args) start.Environment[name] = value;
        start.Environment["PATH"] = $"{tools}:{BasicUtilities()}";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NUGET_PACKAGES"] = Directory.CreateDirectory(InStage(fileSystem, "/root/.nuget/packages")).FullName;
        start.Environment["NUGET_HTTP_CACHE_PATH"] = Directory.CreateDirectory(InStage(fileSystem, "/root/.local/share/NuGet/http-cache")).FullName;
        start.Environment["npm_config_cache"] = Directory.CreateDirectory(InStage(fileSystem, "/root/.npm")).FullName;
        output.WriteLine($"[{stage.Name}] RUN {command}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token);
        if (process.ExitCode != 0) output.WriteLine(await stdout + await stderr);
        Assert.True(process.ExitCode == 0, $"[{stage.Name}] RUN {command} failed with exit code {process.ExitCode}:\n{await stdout}{await stderr}");
    }

    /// <summary>A folder of links to the few utilities a RUN may use besides the image's own tools (cat, uname …).</summary>
    private string BasicUtilities()
    {
        var folder = Path.Combine(_root, "utilities");
        if (Directory.Exists(folder)) return folder;
        Directory.CreateDirectory(folder);
        foreach (var utility in new[] { "cat", "uname", "mkdir", "cp", "rm", "ls", "test" })
        {
            File.CreateSymbolicLink(Path.Combine(folder, utility), Which(utility));
        }
        return folder;
    }

    private static string InStage(string fileSystem, string path) => Path.Combine(fileSystem, path.TrimStart('/'));

    private static string Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{program} is not on PATH.");

    private static string ResolveLink(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private sealed class RunningService(Process process, HttpClient http) : IAsyncDisposable
    {
        public HttpClient Http { get; } = http;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>
    /// The ENTRYPOINT (./CareerGraph.Api, the published runtime's own host: the runtime image has no dotnet command) from
    /// the output folder, on a free loopback port and a database in the temp folder.
    /// </summary>
    private async Task<RunningService> StartAsync(string app)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(app, "CareerGraph.Api")) { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["CareerGraph__Embedded__Path"] = Path.Combine(_root, "careergraph.db");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new RunningService(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) });
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, $"The published service exited with code {(process.HasExited ? process.ExitCode : 0)} while starting.");
            try
            {
                if ((await service.Http.GetAsync("/health")).IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await service.DisposeAsync();
        throw new TimeoutException("The published service did not answer /health within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    // An absolute path in a RUN (" /app", "-o /app"): the image's file system, mapped into the stage's folder.
    [GeneratedRegex(@"(?<=\s)/[A-Za-z0-9_./-]+")]
    private static partial Regex AbsolutePath();
}
