using System.Diagnostics;
using System.Runtime.Versioning;
using CareerGraph.Interchange.Formats;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// The import.sh of the neo4j-admin CSV export, run with sh and a stand-in neo4j-admin on the PATH that records the
/// arguments it is given: the database name before the options (from 5.19 a name after --nodes is read as a file),
/// and --overwrite-destination only when asked for.
/// </summary>
[UnsupportedOSPlatform("windows")] // a shell script, for the servers neo4j-admin runs on
public sealed class Neo4jAdminImportScriptTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly IReadOnlyList<string> _written;

    public Neo4jAdminImportScriptTests()
    {
        _written = Neo4jAdminCsv.Write(ContractGraph.Document, _folder.File("export"));
        var bin = Directory.CreateDirectory(_folder.File("bin")).FullName;
        var admin = Path.Combine(bin, "neo4j-admin");
        File.WriteAllText(admin, $"#!/bin/sh\npwd > '{_folder.File("cwd")}'\nfor a in \"$@\"; do echo \"$a\"; done > '{_folder.File("args")}'\n");
        File.SetUnixFileMode(admin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void By_default_it_imports_into_neo4j_and_refuses_to_replace_an_existing_database()
    {
        var (exitCode, _) = RunScript();

        Assert.Equal(0, exitCode);
        var args = Arguments();
        Assert.Equal(["database", "import", "full", "neo4j", "--overwrite-destination=false"], args.Take(5));
        Assert.Equal(_folder.File("export"), File.ReadAllText(_folder.File("cwd")).Trim());
        foreach (var csv in _written.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
            Assert.Contains((csv.StartsWith("nodes_", StringComparison.Ordinal) ? "--nodes=" : "--relationships=") + csv, args);
        Assert.Equal(["--array-delimiter=|", "--multiline-fields=true"], args.TakeLast(2));
    }

    [Fact]
    public void Asked_to_it_replaces_the_named_database()
    {
        var (exitCode, _) = RunScript("careers", "--overwrite-destination");

        Assert.Equal(0, exitCode);
        Assert.Equal(["database", "import", "full", "careers", "--overwrite-destination=true"], Arguments().Take(5));
    }

    [Fact]
    public void An_unknown_option_is_refused_before_neo4j_admin_runs()
    {
        var (exitCode, error) = RunScript("neo4j", "--overwrite");

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: sh import.sh [database] [--overwrite-destination]", error);
        Assert.False(File.Exists(_folder.File("args")));
    }

    private string[] Arguments() => File.ReadAllLines(_folder.File("args"));

    private (int ExitCode, string Error) RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(_folder.File("export"), "import.sh"), .. arguments])
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = _folder.File("bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }
}
