using System.Reflection;
using CareerGraph.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CareerGraph.Tests.Api;

/// <summary>A fault of the service answers with a stable code and no .NET details, unless configuration asks for them.</summary>
public sealed class ErrorDetailTests
{
    private const string Secret = "connection string user=admin";

    [Fact]
    public async Task In_development_a_failing_store_answers_internal_server_error_without_exception_details()
    {
        using var app = new FailingStoreApp(exposeDetails: null);
        var (_, body) = await app.PostAsync("{ career(id: \"mlops-engineer\") { name } }");
        var text = body.ToJsonString();
        Assert.Equal("INTERNAL_SERVER_ERROR", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("INVALID_OPERATION", text);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(" at ", text);
    }

    [Fact]
    public async Task The_log_has_the_fault_the_answer_leaves_out()
    {
        using var app = new FailingStoreApp(exposeDetails: null);
        var (_, body) = await app.PostAsync("{ career(id: \"mlops-engineer\") { name } }");
        Assert.Equal("INTERNAL_SERVER_ERROR", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var fault = Assert.Single(app.Log.Errors, entry => entry.Category == "CareerGraph.Api.GraphQL");
        Assert.Equal("Unexpected error in career", fault.Message);
        Assert.Equal($"The database refused {Secret}.", Assert.IsType<InvalidOperationException>(fault.Exception).Message);
    }

    [Fact]
    public async Task Details_are_shown_where_configuration_asks_for_them()
    {
        using var app = new FailingStoreApp(exposeDetails: "true");
        var (_, body) = await app.PostAsync("{ career(id: \"mlops-engineer\") { name } }");
        Assert.Contains("InvalidOperationException", body["errors"]![0]!["extensions"]!["details"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"query": 1}""")]
    [InlineData("[1]")]
    [InlineData("""{"query": "{ stats { careers } }", "variables": [1]}""")]
    [InlineData("""{"query": "{ stats { careers } }", "operationName": 5}""")]
    public async Task A_request_of_the_wrong_shape_is_explained_without_dotnet_type_names(string body)
    {
        using var app = new CareerGraphApp();
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/graphql", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_JSON", text);
        Assert.Contains("at line 1", text); // where the JSON went wrong, in the caller's terms
        Assert.DoesNotContain("GraphQL.", text);
        Assert.DoesNotContain("System.", text);
    }

    private sealed class FailingStoreApp(string? exposeDetails) : CareerGraphApp
    {
        /// <summary>What the service logged at error level.</summary>
        public ErrorLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development"); // as `dotnet run` starts it (launchSettings.json)
            builder.UseSetting("CareerGraph:Seeds:LoadOnStart", "false");
            builder.UseSetting(CareerGraph.Api.Hosting.PipelineWarmUp.RunsSetting, "0"); // its queries would fail and be logged too
            if (exposeDetails is not null) builder.UseSetting("CareerGraph:Errors:ExposeDetails", exposeDetails);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ICareerGraphStore>();
                services.AddSingleton(FailingStore.Create());
                services.AddSingleton<ILoggerFactory>(LoggerFactory.Create(logging => logging.AddProvider(Log)));
            });
        }
    }

    /// <summary>The errors logged, with their category, message and exception.</summary>
    public sealed class ErrorLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, string Message, Exception? Exception)> _errors = new();

        public IReadOnlyList<(string Category, string Message, Exception? Exception)> Errors => [.. _errors];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) log._errors.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }

    /// <summary>A store whose every call fails as a broken database would.</summary>
    public class FailingStore : DispatchProxy
    {
        public static ICareerGraphStore Create() => Create<ICareerGraphStore, FailingStore>();

        protected override object? Invoke(MethodInfo? method, object?[]? args) => throw new InvalidOperationException($"The database refused {Secret}.");
    }
}
