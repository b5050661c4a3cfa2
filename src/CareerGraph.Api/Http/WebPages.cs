using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>
/// The browser side of the service: the pages built from src/CareerGraph.Web into wwwroot (the GraphQL IDE at
/// GET /graphql, the explorer at /explore), their assets, and CORS for the front-end origins in configuration.
/// </summary>
internal static class WebPages
{
    public const string CorsSection = "CareerGraph:Cors";
    public const string GraphiQL = "graphiql.html";
    public const string Explorer = "explore.html";

    public static IServiceCollection AddCareerGraphWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            // No origins configured: the policy allows none, so browsers keep other sites out.
            if (origins.Count == 0) return;
            policy.WithOrigins([.. origins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders(HeaderNames.ContentType, HeaderNames.Accept, HeaderNames.Authorization, "X-Api-Key")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, PageRequestPolicy>());
        return services;
    }

    public static WebApplication UseCareerGraphWeb(this WebApplication app)
    {
        app.UsePageHeaders();
        app.UseCorsWithoutCompiling();
        app.Use(PreferPrecompressed);
        app.UseStaticFiles(new StaticFileOptions
        {
            // A precompressed file (x.js.br) has the type of the file it holds (x.js).
            ContentTypeProvider = new PrecompressedContentTypes(new FileExtensionContentTypeProvider()),
            // Vite puts a content hash in every asset's name, so an asset never changes under its name.
            OnPrepareResponse = file =>
            {
                var http = file.Context;
                if (!http.Request.Path.StartsWithSegments("/assets")) return;
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                if (http.Items[PrecompressedEncoding] is string encoding)
                    http.Response.Headers.ContentEncoding = encoding;
            },
        });
        app.MapGet("/explore", (HttpContext http) => SendPageAsync(http, Explorer));
        return app;
    }

    /// <summary>
    /// ASP.NET Core's CORS middleware, as <c>UseCors()</c> adds it (the policy provider asked of the request's services),
    /// but called directly: <c>UseCors()</c> compiles an expression at every start to make that call, which made it the
    /// costliest middleware of the start. A request without an Origin header is not a cross-origin one, and the middleware
    /// only passes it on (after a mark in the request's items for endpoints with CORS metadata, which none of ours has):
    /// it goes on directly, without the items dictionary that mark would allocate.
    /// </summary>
    private static void UseCorsWithoutCompiling(this WebApplication app) => app.Use(next =>
    {
        var cors = new CorsMiddleware(next, app.Services.GetRequiredService<ICorsService>(), app.Services.GetRequiredService<ILoggerFactory>());
        return http => http.Request.Headers.ContainsKey(HeaderNames.Origin)
            ? cors.Invoke(http, http.RequestServices.GetRequiredService<ICorsPolicyProvider>())
            : next(http);
    });

    private const string PrecompressedEncoding = "CareerGraph.PrecompressedEncoding";

    /// <summary>
    /// The build writes every text asset also as .br and .gz (src/CareerGraph.Web/vite.config.ts): a request for an
    /// asset is pointed at the smallest one the browser accepts, and the static files send it with Content-Encoding.
    /// </summary>
    private static Task PreferPrecompressed(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && path.StartsWithSegments("/assets"))
        {
            var accepted = http.Request.GetTypedHeaders().AcceptEncoding.Where(e => e.Quality is null or > 0).Select(e => e.Value.Value).ToList();
            var files = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
            foreach (var (encoding, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                if (!accepted.Contains(encoding, StringComparer.OrdinalIgnoreCase) || !files.GetFileInfo(path + extension).Exists) continue;
                http.Request.Path = path + extension;
                http.Items[PrecompressedEncoding] = encoding;
                break;
            }
        }
        return next(http);
    }

    private sealed class PrecompressedContentTypes(IContentTypeProvider types) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType) =>
            types.TryGetContentType(subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal) ? subpath[..^3] : subpath, out contentType!);
    }

    /// <summary>The GraphQL IDE, for a browser asking GET /graphql for a page (<see cref="PageRequestPolicy"/>).</summary>
    public static Task ServeGraphiQLAsync(HttpContext http)
    {
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        return SendPageAsync(http, GraphiQL);
    }

    /// <summary>A browser asking for a page: Accept names text/html and no JSON.</summary>
    public static bool WantsPage(HttpRequest request)
    {
        var accepted = (request.GetTypedHeaders().Accept ?? []).Where(a => a.Quality is null or > 0).Select(a => a.MediaType.Value ?? "").ToList();
        return accepted.Contains("text/html", StringComparer.OrdinalIgnoreCase)
            && !accepted.Any(type => type.Equals(GraphQLNegotiation.Json, StringComparison.OrdinalIgnoreCase)
                || type.Equals(GraphQLNegotiation.GraphQLResponseJson, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task SendPageAsync(HttpContext http, string name)
    {
        var page = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(name);
        if (!page.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(
                $"The page {name} has not been built into wwwroot. Build the service (dotnet build runs npm and Vite), " +
                "or run 'npm ci && npm run build' in src/CareerGraph.Web.", http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.SendFileAsync(page, http.RequestAborted);
    }

    private static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var origins = configuration.GetSection($"{CorsSection}:AllowedOrigins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            var valid = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && uri.PathAndQuery == "/" && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
            if (!valid)
                throw new InvalidOperationException(
                    $"{CorsSection}:AllowedOrigins has '{origin}', which is not an origin; give scheme, host and port only, such as https://careers.example.com or http://localhost:5173.");
        }
        return origins.Select(o => o.TrimEnd('/')).ToList();
    }
}
