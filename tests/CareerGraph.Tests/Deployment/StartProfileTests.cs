using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CareerGraph.Tests.Deployment;

/// <summary>
/// src/CareerGraph.Api/start.mibc, the profile of a start that the image's ahead-of-time compiler reads, names the
/// service's methods by their names. A method renamed or removed since the profile was recorded is skipped by the
/// compiler, and the JIT compiles its code at every start again; the profile fails here once a tenth of them are gone,
/// asking for it to be recorded again by tests/load/StartProfile, whose recording is checked here too.
/// </summary>
public sealed class StartProfileTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void The_start_profile_names_methods_the_service_still_has()
    {
        var (named, gone) = ServiceMethods(Path.Combine(RepoPaths.Root, "src", "CareerGraph.Api", "start.mibc"));

        Assert.True(named > 500, $"the profile names {named} methods of the service's own assemblies; a start runs thousands");
        Assert.True(gone.Count * 10 < named,
            $"{gone.Count} of the {named} service methods the start profile names are gone (e.g. {string.Join(", ", gone.Take(5))}): " +
            "record it again (DOTNET_ReadyToRun=0 dotnet run -c Release --project tests/load/StartProfile -- <db> src/CareerGraph.Api/start.mibc)");
    }

    [Fact]
    public async Task The_recorder_writes_a_profile_of_the_service_s_start()
    {
        using var folder = new TempFolder();
        var profile = folder.File("start.mibc");
        var recorderAssembly = BuiltService.Built(Path.Combine("tests", "load", "StartProfile"), "StartProfile.dll");
        var start = new ProcessStartInfo("dotnet", [recorderAssembly, folder.File("graph.db"), profile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        start.Environment["DOTNET_ReadyToRun"] = "0"; // as the recorder asks: the JIT then compiles, and reports, all a start runs
        using var recorder = Process.Start(start)!;
        var output = recorder.StandardOutput.ReadToEndAsync();
        var errors = recorder.StandardError.ReadToEndAsync();
        try
        {
            await recorder.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        }
        finally
        {
            if (!recorder.HasExited) recorder.Kill(entireProcessTree: true);
        }

        Assert.True(recorder.ExitCode == 0, $"the recorder exited with {recorder.ExitCode}: {await output}{await errors}");
        var (named, gone) = ServiceMethods(profile);
        Assert.True(named > 500, $"the recorded profile names {named} methods of the service's own assemblies");
        Assert.Empty(gone);
    }

    /// <summary>How many methods of the service's own (non-generic) types a profile names, and those the code no longer has.</summary>
    private static (int Named, List<string> Gone) ServiceMethods(string profile)
    {
        using var file = new PEReader(File.OpenRead(profile));
        var metadata = file.GetMetadataReader();
        var named = 0;
        var gone = new List<string>();
        foreach (var handle in metadata.MemberReferences)
        {
            var method = metadata.GetMemberReference(handle);
            if (method.Parent.Kind != HandleKind.TypeReference) continue; // generic types' methods, named through their instantiation
            var (assembly, type) = NameOf(metadata, (TypeReferenceHandle)method.Parent);
            if (!assembly.StartsWith("CareerGraph.", StringComparison.Ordinal)) continue;
            named++;
            var name = metadata.GetString(method.Name);
            if (Assembly.Load(assembly).GetType(type)?.GetMember(name, Declared) is not { Length: > 0 })
                gone.Add($"{type}.{name}");
        }
        return (named, gone);
    }

    /// <summary>The assembly and the reflection name (Outer+Inner) of a referenced type.</summary>
    private static (string Assembly, string Type) NameOf(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = type.Namespace.IsNil ? metadata.GetString(type.Name) : $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
        return type.ResolutionScope.Kind switch
        {
            HandleKind.TypeReference when NameOf(metadata, (TypeReferenceHandle)type.ResolutionScope) is var (assembly, outer) => (assembly, $"{outer}+{name}"),
            HandleKind.AssemblyReference => (metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name), name),
            _ => ("", name),
        };
    }
}
