using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using CareerGraph.Api.Execution;
using CareerGraph.Api.Http;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CareerGraph.Benchmarks;

/// <summary>
/// The two ends of a POST /graphql, each the way GraphQL.NET's serializer does it and the way the endpoint does it:
/// a request body already in memory read through a stream or from its bytes, and a compiled plan's answer written
/// through the serializer or as the bytes it is (to a pipe, as Kestrel's response body is one).
/// </summary>
[MemoryDiagnoser]
public class BodyBenchmarks
{
    private readonly GraphQLJson _json = new(new ErrorInfoProvider());
    private readonly byte[] _request = Encoding.UTF8.GetBytes(
        """{"query":"query Search($text: String!) { search(text: $text, first: 10) { node { id name } matched score } }","variables":{"text":"python"}}""");
    private ExecutionResult _answer = null!;
    private DefaultHttpContext _http = null!;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0));

    [GlobalSetup]
    public void Setup()
    {
        // The search of the load test, as a plan writes it (a plan's answer is only made by running one: built here from its bytes).
        var data = new ArrayBufferWriter<byte>();
        data.Write("""{"search":[{"node":{"id":"cloud-engineer","name":"Cloud Engineer"},"matched":"Cloud Engineer","score":0.6}]}"""u8);
        var answer = (CompiledAnswer)Activator.CreateInstance(typeof(CompiledAnswer), BindingFlags.NonPublic | BindingFlags.Instance, null, [data], null)!;
        _answer = new ExecutionResult { Executed = true, Data = answer };
        _http = new DefaultHttpContext();
        _http.Features.Set<IHttpResponseBodyFeature>(new PipeBody(_pipe.Writer));
    }

    [Benchmark(Description = "read a request: through a stream (GraphQL.NET)")]
    public async Task<GraphQLRequest?> ReadThroughStream()
    {
        using var stream = new MemoryStream(_request, writable: false);
        return await _json.ReadAsync<GraphQLRequest>(stream);
    }

    [Benchmark(Description = "read a request: from its bytes")]
    public GraphQLRequest? ReadFromBytes() => _json.Read<GraphQLRequest>(_request);

    [Benchmark(Description = "write an answer: through the serializer (GraphQL.NET)")]
    public async Task WriteThroughSerializer()
    {
        await _json.WriteAsync(_http.Response.Body, _answer);
        Drain();
    }

    [Benchmark(Description = "write an answer: as its bytes")]
    public async Task WriteAsBytes()
    {
        await GraphQLNegotiation.WriteAsync(_http, GraphQLNegotiation.Json, StatusCodes.Status200OK, _answer);
        Drain();
    }

    private void Drain()
    {
        _pipe.Reader.TryRead(out var read);
        _pipe.Reader.AdvanceTo(read.Buffer.End);
    }

    /// <summary>A response body that is a pipe, with a stream over it, as Kestrel's is.</summary>
    private sealed class PipeBody(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream { get; } = writer.AsStream();
        public PipeWriter Writer => writer;
        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CompleteAsync() => Task.CompletedTask;
    }
}
