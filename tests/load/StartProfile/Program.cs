// Writes the profile of a start (a .mibc file) that the ReadyToRun compiler reads when the image is published: every
// method the service runs from its start to its first answers, generic instantiations included. Without it the image
// compiles ahead of time only the instantiations its compiler can see in the code, and the JIT makes the rest (several
// hundred, most of them the validation visitors, collections and serialisers over value types) at every start.
//
// Run with the runtime's own ahead-of-time code off, so that every method the start runs is compiled here and reported:
//   DOTNET_ReadyToRun=0 dotnet run -c Release --project tests/load/StartProfile -- <embedded-db> src/CareerGraph.Api/start.mibc
// The file is that of dotnet-pgo (an assembly whose IL lists the methods; see the format in the .NET runtime's
// MIbcProfileParser), written here because dotnet-pgo is not published as a package.
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

if (args.Length != 2 || Environment.GetEnvironmentVariable("DOTNET_ReadyToRun") != "0")
{
    Console.Error.WriteLine("usage: DOTNET_ReadyToRun=0 StartProfile <embedded-db-path> <output.mibc>");
    return 2;
}
using var jitted = new JittedMethods();

// The service in this process, on a free loopback port, with the store given and its answer cache off.
var free = new TcpListener(IPAddress.Loopback, 0);
free.Start();
var address = $"http://127.0.0.1:{((IPEndPoint)free.LocalEndpoint).Port}";
free.Stop();
Environment.SetEnvironmentVariable("CareerGraph__Embedded__Path", Path.GetFullPath(args[0]));
Environment.SetEnvironmentVariable("CareerGraph__ResponseCache__Enabled", "false");
Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
var service = Assembly.Load("CareerGraph.Api").EntryPoint!;
_ = Task.Run(() => service.Invoke(null, [new[] { "--urls", address }]));

// The first answer the start is measured by (tests/load/first-answer.sh), then the documents a client sends first
// (those of tests/load/load.mjs).
using var http = new HttpClient { BaseAddress = new Uri(address) };
string[] documents =
[
    """{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }"}""",
    """{"query":"query Career($id: ID!) { career(id: $id) { name skills { importance skill { name } } seeAlso { weight career { name } } } }","variables":{"id":"machine-learning-engineer"}}""",
    """{"query":"query Search($text: String!) { search(text: $text, first: 10) { node { id name } matched score } }","variables":{"text":"cloud enginer"}}""",
];
for (var started = DateTime.UtcNow; ; await Task.Delay(10))
{
    if (DateTime.UtcNow - started > TimeSpan.FromMinutes(2)) throw new TimeoutException("the service did not answer within 2 minutes");
    try
    {
        if ((await http.PostAsync("/graphql", Json(documents[0]))).IsSuccessStatusCode) break;
    }
    catch (HttpRequestException) { } // not listening yet
}
foreach (var document in documents)
{
    var answer = await (await http.PostAsync("/graphql", Json(document))).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    if (answer.Contains("\"errors\"", StringComparison.Ordinal)) throw new InvalidOperationException($"{document} was answered with errors: {answer}");
}
await Task.Delay(TimeSpan.FromSeconds(1)); // the warm-up and the background work started with the first answers

var methods = jitted.Resolve().Where(m => m.Module.Assembly != typeof(JittedMethods).Assembly).ToList();
var groups = MibcFile.Write(args[1], methods);
Console.WriteLine($"{methods.Count} methods in {groups} groups written to {args[1]}");
return 0; // the service's host, still running in this process, stops with it

static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

/// <summary>The methods the JIT compiles, from the runtime's own events (MethodDetails: the method and its exact type).</summary>
sealed class JittedMethods : EventListener
{
    private const EventKeywords Jit = (EventKeywords)0x10, MethodDiagnostic = (EventKeywords)0x4000000000;
    private readonly ConcurrentDictionary<ulong, ulong> typeOfMethod = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, Jit | MethodDiagnostic);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "MethodDetails") typeOfMethod[(ulong)e.Payload![0]!] = (ulong)e.Payload[1]!;
    }

    public IEnumerable<MethodBase> Resolve()
    {
        foreach (var (method, type) in typeOfMethod)
        {
            MethodBase? found = null;
            try
            {
                found = MethodBase.GetMethodFromHandle(RuntimeMethodHandle.FromIntPtr((nint)method), RuntimeTypeHandle.FromIntPtr((nint)type));
            }
            catch (ArgumentException) { } // a stub or a dynamic method: nothing the compiler could make ahead of time
            if (found is { DeclaringType: not null } && !found.Module.Assembly.IsDynamic) yield return found;
        }
    }
}

/// <summary>
/// A .mibc file: a global method AssemblyDictionary lists groups (ldstr "assembly;other assemblies" ldtoken group pop),
/// and each group method lists its methods (ldtoken method pop). Shared generic code (over System.__Canon) is listed
/// over object, whose code is the same shared code.
/// </summary>
static class MibcFile
{
    public static int Write(string path, IEnumerable<MethodBase> methods)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("CareerGraph.StartProfile"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("CareerGraph.StartProfile.dll");
        var groups = methods.Select(Uncanon).OfType<MethodBase>().Distinct()
            .GroupBy(m => string.Join(';', AssembliesOf(m).Distinct()))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var dictionary = module.DefineGlobalMethod("AssemblyDictionary", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes).GetILGenerator();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = module.DefineGlobalMethod($"Group{i}", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
            var il = group.GetILGenerator();
            foreach (var method in groups[i])
            {
                // ldtoken takes a constructor only as a token
                il.Emit(OpCodes.Ldtoken, method is ConstructorInfo constructor ? module.GetMethodMetadataToken(constructor) : module.GetMethodMetadataToken((MethodInfo)method));
                il.Emit(OpCodes.Pop);
            }
            il.Emit(OpCodes.Ret);
            dictionary.Emit(OpCodes.Ldstr, groups[i].Key);
            dictionary.Emit(OpCodes.Ldtoken, group);
            dictionary.Emit(OpCodes.Pop);
        }
        dictionary.Emit(OpCodes.Ret);
        module.CreateGlobalFunctions();
        assembly.Save(path);
        return groups.Count;
    }

    // The defining assembly first, then those of the type arguments: the compiler reads a group only if all are its own.
    private static IEnumerable<string> AssembliesOf(MethodBase method) =>
        new[] { method.Module.Assembly.GetName().Name! }
            .Concat(method.DeclaringType!.GetGenericArguments().Concat(method.IsGenericMethod ? method.GetGenericArguments() : []).SelectMany(TypesIn).Select(t => t.Assembly.GetName().Name!));

    private static IEnumerable<Type> TypesIn(Type type) =>
        type.HasElementType ? TypesIn(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(TypesIn).Prepend(type)
        : [type];

    private static MethodBase? Uncanon(MethodBase method)
    {
        try
        {
            var type = Uncanon(method.DeclaringType!);
            var onType = type == method.DeclaringType ? method : (MethodBase)type.GetMemberWithSameMetadataDefinitionAs(method);
            return onType is MethodInfo { IsGenericMethod: true } generic
                ? generic.GetGenericMethodDefinition().MakeGenericMethod(generic.GetGenericArguments().Select(Uncanon).ToArray())
                : onType;
        }
        catch (ArgumentException) { return null; } // object breaks a constraint of the shared code: left to the JIT
    }

    private static Type Uncanon(Type type) =>
        type.FullName == "System.__Canon" ? typeof(object)
        : type.IsSZArray ? Uncanon(type.GetElementType()!).MakeArrayType()
        : type.IsArray ? Uncanon(type.GetElementType()!).MakeArrayType(type.GetArrayRank())
        : type.IsByRef ? Uncanon(type.GetElementType()!).MakeByRefType()
        : type.IsPointer ? Uncanon(type.GetElementType()!).MakePointerType()
        : type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition().MakeGenericType(type.GetGenericArguments().Select(Uncanon).ToArray())
        : type;
}
