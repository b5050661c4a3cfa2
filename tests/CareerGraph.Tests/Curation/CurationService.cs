using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace CareerGraph.Tests.Curation;

/// <summary>
/// The service in-process on a store of its own holding <see cref="ContractGraph"/>, with one curator API key
/// and JWT validation configured. Settings given to the constructor override the defaults.
/// </summary>
public sealed class CurationService : WebApplicationFactory<Program>
{
    public const string CuratorKey = "curator-key-for-tests-only";
    public const string JwtIssuer = "https://issuer.test";
    public const string JwtAudience = "careergraph-tests";
    public const string JwtSigningKey = "a-signing-key-for-tests-that-is-long-enough";

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="kestrel">Serve on a real loopback port (<see cref="ServerAddress"/>), for clients that need a socket (WebSockets).</param>
    public CurationService(IDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null, bool kestrel = false)
    {
        if (kestrel) UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _environment = environment;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["CareerGraph:Embedded:Path"] = _folder.File("graph.db"),
            ["CareerGraph:Seeds:LoadOnStart"] = "false",
            ["CareerGraph:Auth:ApiKeys:0:Name"] = "test-curator",
            ["CareerGraph:Auth:ApiKeys:0:Sha256"] = Sha256Hex(CuratorKey),
            ["CareerGraph:Auth:Jwt:SigningKey"] = JwtSigningKey,
            ["CareerGraph:Auth:Jwt:Issuer"] = JwtIssuer,
            ["CareerGraph:Auth:Jwt:Audience"] = JwtAudience,
            ["CareerGraph:Limits:RateLimit:PermitLimit"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        Services.GetRequiredService<ICareerGraphStore>().ImportAsync(ContractGraph.Document).GetAwaiter().GetResult();
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    public ICareerGraphStore Store => Services.GetRequiredService<ICareerGraphStore>();

    /// <summary>Where the service listens when started with kestrel: true.</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithKey(string key = CuratorKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token signed as the configured issuer would sign it.</summary>
    public static string Token(string user, string? role = null, TimeSpan? lifetime = null, string signingKey = JwtSigningKey, string audience = JwtAudience)
    {
        var claims = new List<Claim> { new("sub", user), new("preferred_username", user) };
        if (role is not null) claims.Add(new Claim("role", role));
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var token = new JwtSecurityToken(JwtIssuer, audience, claims, notBefore: expires < now ? expires.AddMinutes(-1) : now, expires: expires,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folder.Dispose();
    }
}

/// <summary>One GraphQL response: the HTTP status and the JSON body.</summary>
public sealed record GraphQLAnswer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<string> ErrorCodes =>
        Body.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "")]
            : [];

    public string FirstErrorMessage => Body.GetProperty("errors")[0].GetProperty("message").GetString()!;
}

public static class GraphQLClient
{
    public static async Task<GraphQLAnswer> PostAsync(this HttpClient client, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }
}
