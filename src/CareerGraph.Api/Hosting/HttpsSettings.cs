namespace CareerGraph.Api.Hosting;

/// <summary>
/// Whether configuration asks Kestrel for HTTPS: an https address ("urls", ASPNETCORE_URLS, --urls), HTTPS ports
/// ("https_ports"), or a Kestrel endpoint or default certificate ("Kestrel:Endpoints", "Kestrel:Certificates"). Only then
/// is Kestrel's HTTPS configuration set up: it looks for a default certificate at every start, about 10 ms of it
/// (docs/performance.md, "Start-up, thirteenth pass").
/// </summary>
internal static class HttpsSettings
{
    public static bool Requested(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https:", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Certificates").Exists()
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(endpoint =>
            (endpoint["Url"] ?? "").Contains("https:", StringComparison.OrdinalIgnoreCase)
            || endpoint.GetSection("Certificate").Exists() || endpoint.GetSection("Sni").Exists());
}
