using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using CareerGraph.Api.Security;
using GraphQL.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CareerGraph.Api.Hosting;

/// <summary>Credentials, rate limiting and the GraphQL limits, all from configuration (docs/curation.md, docs/limits.md).</summary>
internal static class SecurityRegistration
{
    public const string CallerScheme = "Caller";

    public static IServiceCollection AddCareerGraphSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new();
        var limits = configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new();
        services.AddSingleton(auth);
        services.AddSingleton(limits);
        services.AddSingleton(new ApiKeyRing(auth.ApiKeys)); // a malformed key entry stops the start here

        AddAuthentication(services, auth);
        if (limits.RateLimit.PermitLimit > 0) AddRateLimiting(services, limits.RateLimit);

        // Document limits are checked before the specification's rules, which walk every fragment wherever it is spread;
        // the validator adds the access rule to every request's rules.
        services.AddSingleton<AccessRule>();
        services.AddSingleton<IDocumentValidator, DocumentLimitsValidator>();
        return services; // the time an execution may take is set with the rest of its settings (Execution/ExecutionSettings.cs)
    }

    /// <summary>The per-client rate limit; after CORS (so a 429 reaches browser pages readable) and the static pages.</summary>
    public static IApplicationBuilder UseCareerGraphSecurity(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<LimitOptions>().RateLimit.PermitLimit > 0) app.UseRateLimiter();
        // Callers are authenticated by the endpoints that serve them, and only when a credential came
        // (AuthenticateCallerAsync). The mark tells the host that authentication is in place, as UseAuthentication's own
        // mark does; without it the host puts ASP.NET Core's authentication middleware in front of every request, where,
        // with no default scheme and no remote handler, it only makes a request scope and looks the schemes up.
        app.Properties[AuthenticationInPlace] = true;
        return app;
    }

    /// <summary>The property UseAuthentication sets and WebApplication reads before adding its own authentication middleware.</summary>
    private const string AuthenticationInPlace = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Authentication brings ASP.NET Core's data protection, whose hosted service reads its key ring at every start (on
    /// a new machine or container it first makes a key and writes it): tens of milliseconds before the service listens.
    /// Nothing here protects data with it (API keys and bearer tokens are checked without it), so that service is
    /// removed; the key ring would still be read on the first use, if something ever used it.
    /// </summary>
    internal static void WithoutDataProtectionAtStart(IServiceCollection services)
    {
        var assembly = typeof(Microsoft.AspNetCore.DataProtection.DataProtectionOptions).Assembly;
        foreach (var service in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == assembly).ToList())
            services.Remove(service);
    }

    private static void AddAuthentication(IServiceCollection services, AuthOptions auth)
    {
        // One scheme picks the handler: bearer tokens go to JWT validation (when configured), the rest to API keys. It is
        // no default scheme: the endpoints that serve callers ask for it (Curators.AuthenticateCallerAsync), and only
        // when a credential came; a request without one is not put through the handlers by the middleware.
        var authentication = services.AddAuthentication()
            .AddPolicyScheme(CallerScheme, "API key or bearer token", options => options.ForwardDefaultSelector = http =>
                auth.Jwt.IsConfigured
                && !http.Request.Headers.ContainsKey(ApiKeyHandler.Header)
                && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        WithoutDataProtectionAtStart(services);
        if (!auth.Jwt.IsConfigured) return;

        var jwt = auth.Jwt;
        if (jwt.Audience.Length == 0 || (jwt.Authority.Length == 0 && jwt.Issuer.Length == 0))
            throw new InvalidOperationException("CareerGraph:Auth:Jwt needs an Audience, and an Issuer (or an Authority), so that tokens meant for other services are refused.");
        if (jwt.SigningKey.Length > 0 && Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32)
            throw new InvalidOperationException("CareerGraph:Auth:Jwt:SigningKey is shorter than 32 bytes; use a longer random key.");
        authentication.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (jwt.Authority.Length > 0) options.Authority = jwt.Authority;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = jwt.Issuer.Length > 0 ? jwt.Issuer : null,
                ValidateAudience = true,
                ValidAudience = jwt.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = jwt.SigningKey.Length > 0 ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)) : null,
                NameClaimType = "name",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
    }

    private static void AddRateLimiting(IServiceCollection services, RateLimitOptions rate)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Probes.Is(http.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.Get(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => new WindowRateLimiter(rate.PermitLimit, TimeSpan.FromSeconds(rate.WindowSeconds))));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(rate.WindowSeconds);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "application/json; charset=utf-8";
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    errors = new[]
                    {
                        new
                        {
                            message = $"Too many requests from this client: at most {rate.PermitLimit} every {rate.WindowSeconds} s. Try again in {seconds} s.",
                            extensions = new { code = ErrorCodes.RateLimited },
                        },
                    },
                }, cancellationToken);
            };
        });
    }
}
