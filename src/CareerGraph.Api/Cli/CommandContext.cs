using CareerGraph.Api.Hosting;
using CareerGraph.Store;

namespace CareerGraph.Api.Cli;

/// <summary>
/// The store a command works on, configured exactly as the service's (appsettings.json, environment variables,
/// --Section:Key=value arguments), so that <c>import</c> and then <c>serve</c> use the same graph.
/// Logs go to standard error and only from warnings up, so they never mix with a command's output.
/// </summary>
internal sealed class CommandContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDisposable? _configuration;

    private CommandContext(ServiceProvider services, IDisposable? configuration)
    {
        _services = services;
        _configuration = configuration;
    }

    public static CommandContext Open(IReadOnlyList<string> settings)
    {
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings], ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddCareerGraphStore(configuration);
        services.AddSingleton<Seeder>();
        return new CommandContext(services.BuildServiceProvider(), configuration);
    }

    public ICareerGraphStore Store => _services.GetRequiredService<ICareerGraphStore>();
    public CareerGraphOptions Options => _services.GetRequiredService<CareerGraphOptions>();
    public Seeder Seeder => _services.GetRequiredService<Seeder>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _configuration?.Dispose();
    }
}
