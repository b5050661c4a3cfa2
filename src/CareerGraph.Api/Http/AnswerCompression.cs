using System.IO.Compression;
using CareerGraph.Api.Security;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace CareerGraph.Api.Http;

/// <summary>
/// Brotli or gzip (whichever the client prefers) for JSON answers, the schema and pages, at the fastest level.
/// Small answers are sent as they are: below <see cref="MinBytes"/> compression costs more than it saves.
/// Answers to requests that carry a credential are never compressed, so that no compressed answer holds what one
/// caller may see and another may not (BREACH; docs/performance.md). The pages' assets come precompressed.
/// </summary>
internal static class AnswerCompression
{
    public const int MinBytes = 1024;

    public static IServiceCollection AddCareerGraphCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, GraphQLNegotiation.GraphQLResponseJson];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, AnonymousAnswersOnly>();
        return services;
    }

    private sealed class AnonymousAnswersOnly(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.Response.ContentLength is null or >= MinBytes
            && !context.Request.CarriesCredential()
            && base.ShouldCompressResponse(context);
    }
}
