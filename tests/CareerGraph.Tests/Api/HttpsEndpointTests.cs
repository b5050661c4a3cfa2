using System.Diagnostics;
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
        var address = $"https://127.0.0.1:{BuiltService.FreePort()}";

        var start = new ProcessStartInfo("dotnet", [BuiltService.Assembly()]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CareerGraph__Embedded__Path"] = _folder.File("graph.db");
        start.Environment["Kestrel__Endpoints__Https__Url"] = address;
        start.Environment["Kestrel__Endpoints__Https__Certificate__Path"] = certificateFile;
        start.Environment["Kestrel__Endpoints__Https__Certificate__Password"] = "secret";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            string? servedBy = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, served, _, _) => (servedBy = served?.Thumbprint) is not null,
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
            var waited = Stopwatch.StartNew();
            HttpResponseMessage? ready = null;
            while (ready is null && waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    ready = await client.GetAsync("/ready");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            if (process.HasExited) Assert.Fail($"The service exited: {await errors}");
            Assert.NotNull(ready);
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(certificate.Thumbprint, servedBy);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
