using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CareerGraph.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The service is built on ASP.NET Core's slim host, which leaves HTTPS out unless it is asked for, and sets it up only
/// where configuration asks for HTTPS (<see cref="HttpsSettings"/>): an HTTPS endpoint from configuration, or an https
/// address with a default certificate, as an operator sets one, is still served.
/// </summary>
public sealed class HttpsEndpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_https_endpoint_from_configuration_is_served_with_its_certificate()
    {
        var (certificate, file) = await CertificateAsync();
        using var _ = certificate;
        var address = new Uri($"https://127.0.0.1:{BuiltService.FreePort()}");

        await ServedWithAsync(certificate, address, new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Https__Url"] = address.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__Https__Certificate__Path"] = file,
            ["Kestrel__Endpoints__Https__Certificate__Password"] = "secret",
        });
    }

    [Fact]
    public async Task An_https_address_is_served_with_the_default_certificate_from_configuration()
    {
        var (certificate, file) = await CertificateAsync();
        using var _ = certificate;
        var address = new Uri($"https://127.0.0.1:{BuiltService.FreePort()}");

        await ServedWithAsync(certificate, address, new Dictionary<string, string>
        {
            ["Urls"] = address.ToString().TrimEnd('/'),
            ["Kestrel__Certificates__Default__Path"] = file,
            ["Kestrel__Certificates__Default__Password"] = "secret",
        });
    }

    [Theory]
    [InlineData("urls", "https://0.0.0.0:8443", true)]
    [InlineData("urls", "http://127.0.0.1:5080;HTTPS://127.0.0.1:5443", true)]
    [InlineData("urls", "http://127.0.0.1:5080", false)]
    [InlineData("https_ports", "8443", true)]
    [InlineData("http_ports", "8080", false)]
    [InlineData("Kestrel:Endpoints:Web:Url", "https://*:443", true)]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://*:80", false)]
    [InlineData("Kestrel:Endpoints:Web:Certificate:Path", "service.pfx", true)]
    [InlineData("Kestrel:Certificates:Default:Path", "service.pfx", true)]
    [InlineData("Kestrel:Limits:MaxRequestBodySize", "1000", false)]
    public void Https_is_set_up_only_where_configuration_asks_for_it(string key, string value, bool requested)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.Equal(requested, HttpsSettings.Requested(configuration));
    }

    private async Task ServedWithAsync(X509Certificate2 certificate, Uri address, Dictionary<string, string> settings)
    {
        string? servedBy = null;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, served, _, _) => (servedBy = served?.Thumbprint) is not null };
        settings["CareerGraph__Embedded__Path"] = _folder.File("graph.db");

        await using var service = await BuiltService.StartAsync(settings, address, handler);

        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/ready")).StatusCode);
        Assert.Equal(certificate.Thumbprint, servedBy);
    }

    private async Task<(X509Certificate2 Certificate, string File)> CertificateAsync()
    {
        var file = _folder.File("service.pfx");
        return (await WriteCertificateAsync(file, "secret"), file);
    }

    /// <summary>A self-signed certificate for 127.0.0.1, written to a PKCS #12 file under a password.</summary>
    internal static async Task<X509Certificate2> WriteCertificateAsync(string file, string password)
    {
        using var rsa = RSA.Create(2048);
        var certificate = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pfx, password));
        return certificate;
    }
}
