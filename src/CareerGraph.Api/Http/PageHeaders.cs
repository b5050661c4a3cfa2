namespace CareerGraph.Api.Http;

/// <summary>
/// Headers that keep the browser pages (the GraphQL IDE, where a curator types an API key, and the explorer) from
/// being framed, fed foreign script or sniffed into another type, set on every HTML answer however it is served.
/// </summary>
internal static class PageHeaders
{
    /// <summary>
    /// The pages load only their own module scripts, styles and workers from /assets and talk only to this origin.
    /// img-src allows data: for the inline SVG icon; the IDE's fonts come as data: URLs inside its CSS. The one inline
    /// style the explorer needs is cytoscape.js's, which inserts ".__________cytoscape_container { position: relative; }"
    /// into the page; it is allowed by its hash (printf %s "$RULE" | openssl dgst -sha256 -binary | base64).
    /// </summary>
    public const string ExplorerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The IDE's editor (Monaco) writes its themes and token colours as style elements and style attributes at run
    /// time, so styles (never scripts) may be inline there; its language workers are files under /assets.
    /// </summary>
    public const string IdePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UsePageHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/graphql") ? IdePolicy : ExplorerPolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
            }
            return Task.CompletedTask;
        }, http);
        return next(http);
    });
}
