using CareerGraph.Api.Hosting;
using CareerGraph.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace CareerGraph.Tests.Caching;

/// <summary>The queries run as the service starts: valid on the seeds, and without effect on any answer.</summary>
public sealed class WarmUpTests
{
    private sealed class ColdApp : CareerGraphApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(PipelineWarmUp.RunsSetting, "0");
        }
    }

    [Fact]
    public async Task Every_warm_up_query_answers_on_the_seeds_and_answers_the_same_with_or_without_the_warm_up()
    {
        using var warm = new CareerGraphApp();
        using var cold = new ColdApp();

        foreach (var document in PipelineWarmUp.Documents)
        {
            var (_, warmAnswer) = await warm.PostAsync(document, new { first = 10 });
            var (_, coldAnswer) = await cold.PostAsync(document, new { first = 10 });

            Assert.True(warmAnswer["errors"] is null, $"{document}: {warmAnswer["errors"]}");
            Assert.Equal(coldAnswer.ToJsonString(), warmAnswer.ToJsonString());
        }
    }
}
