using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The service is built on ASP.NET Core's slim host, which leaves HTTPS out unless it is asked for: an HTTPS endpoint
/// from configuration (Kestrel:Endpoints with a certificate file), as an operator sets one, is still served.
/// </summary>
public sealed class HttpsEndpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_https_endpoint_from_configuration_is_served_with_its_certificate()
    {
        var certificateFile = _folder.File("service.pfx");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(certificateFile, certificate.Export(X509ContentType.Pfx, "secret"));
        var address = new Uri($"https://127.0.0.1:{BuiltService.FreePort()}");
        string? servedBy = null;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, served, _, _) => (servedBy = served?.Thumbprint) is not null };

        await using var service = await BuiltService.StartAsync(new Dictionary<string, string>
        {
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
            ["Kestrel__Endpoints__Https__Url"] = address.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__Https__Certificate__Path"] = certificateFile,
            ["Kestrel__Endpoints__Https__Certificate__Password"] = "secret",
        }, address, handler);

        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/ready")).StatusCode);
        Assert.Equal(certificate.Thumbprint, servedBy);
    }
}
