using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CareerGraph.Api.Security;

/// <summary>
/// Authenticates the X-Api-Key header against the SHA-256 hashes in configuration; a matching key is a
/// curator named in the audit trail. The keys themselves are never stored or logged.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(Header, out var presented))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
            var name = keys.Find(hash);
            return Task.FromResult(name is null
                ? AuthenticateResult.Fail($"The {Header} header holds a key this service does not know; check the key, or ask for one to be added to CareerGraph:Auth:ApiKeys.")
                : AuthenticateResult.Success(new AuthenticationTicket(Curators.ForApiKey(name), SchemeName)));
        }
        if (Request.Headers.Authorization.Count > 0)
            return Task.FromResult(AuthenticateResult.Fail(AuthorizationProblem(Request.Headers.Authorization.ToString())));
        return Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <summary>Reached for every Authorization header that is not a bearer token for a configured issuer.</summary>
    private static string AuthorizationProblem(string authorization)
    {
        var scheme = authorization.Split(' ', 2)[0];
        if (scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase))
            return $"API keys go in the {Header} header, not in Authorization: send '{Header}: <key>' instead of 'Authorization: ApiKey <key>'.";
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return $"This service accepts no bearer tokens because no JWT issuer is configured (CareerGraph:Auth:Jwt); send a curator API key in the {Header} header instead.";
        return $"This service does not take '{scheme}' credentials; send a curator API key in the {Header} header, or a bearer token where an issuer is configured.";
    }
}

/// <summary>The configured curator keys as names and SHA-256 hashes, checked when the service starts.</summary>
internal sealed class ApiKeyRing
{
    private readonly IReadOnlyList<(string Name, byte[] Hash)> _keys;

    public ApiKeyRing(IEnumerable<ApiKeyOptions> keys) => _keys =
    [
        .. keys.Select((key, i) =>
        {
            if (string.IsNullOrWhiteSpace(key.Name))
                throw new InvalidOperationException($"CareerGraph:Auth:ApiKeys:{i} has no name; give every key a name for the audit trail.");
            var hex = key.Sha256.Trim();
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                throw new InvalidOperationException(
                    $"CareerGraph:Auth:ApiKeys:{i} ('{key.Name}') needs 'sha256': the SHA-256 of the key as 64 hex digits (printf %s \"$KEY\" | sha256sum).");
            return (key.Name.Trim(), Convert.FromHexString(hex));
        }),
    ];

    /// <summary>The name of the key with this hash, compared in constant time; null when none matches.</summary>
    public string? Find(byte[] hash)
    {
        string? found = null;
        foreach (var (name, known) in _keys)
            if (CryptographicOperations.FixedTimeEquals(known, hash)) found ??= name;
        return found;
    }
}

/// <summary>Who a request speaks for: curators may write, and their name goes into the audit trail.</summary>
internal static class Curators
{
    public const string Role = "curator";

    public static ClaimsPrincipal ForApiKey(string name) =>
        new(new ClaimsIdentity([new Claim("name", name), new Claim("role", Role)], ApiKeyHandler.SchemeName, "name", "role"));

    public static bool IsAuthenticated(this ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true;

    /// <summary>
    /// Who the request speaks for, through the caller scheme (an API key or a bearer token); no result when it carries
    /// no credential, without running a handler.
    /// </summary>
    public static Task<AuthenticateResult> AuthenticateCallerAsync(this HttpContext http) =>
        http.Request.CarriesCredential() ? http.AuthenticateAsync(Hosting.SecurityRegistration.CallerScheme) : NoCredential;

    private static readonly Task<AuthenticateResult> NoCredential = Task.FromResult(AuthenticateResult.NoResult());

    /// <summary>Whether the request carries a credential of any kind (valid or not): its answer may be meant for that caller only.</summary>
    public static bool CarriesCredential(this HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyHandler.Header) || request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization);

    /// <summary>A curator key, or a token with the curator role in "role" or "roles".</summary>
    public static bool IsCurator(this ClaimsPrincipal? user) =>
        user.IsAuthenticated() && (user!.IsInRole(Role) || user.HasClaim("role", Role) || user.HasClaim("roles", Role));

    /// <summary>The name the audit trail records: "key:NAME" for API keys, "jwt:USER" for tokens.</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        var identity = user.Identity!;
        if (identity.AuthenticationType == ApiKeyHandler.SchemeName) return $"key:{identity.Name}";
        var name = user.FindFirst("preferred_username")?.Value ?? user.FindFirst("name")?.Value ?? user.FindFirst("sub")?.Value ?? "unknown";
        return $"jwt:{name}";
    }
}
