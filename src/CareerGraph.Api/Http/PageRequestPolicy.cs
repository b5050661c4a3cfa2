using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace CareerGraph.Api.Http;

/// <summary>
/// Chooses between a page and an API answering at the same URL (GET /graphql): the page's route wins when the
/// browser asks for a page (<see cref="WebPages.WantsPage"/>), the API's otherwise. Routing decides, so neither
/// handler dispatches to the other.
/// </summary>
internal sealed class PageRequestPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <summary>The metadata that marks a page's route.</summary>
    public static readonly object Page = new PageRoute();

    private sealed record PageRoute;

    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<PageRoute>() is not null);

    public Task ApplyAsync(HttpContext http, CandidateSet candidates)
    {
        var isPage = Enumerable.Range(0, candidates.Count)
            .Where(candidates.IsValidCandidate)
            .ToDictionary(i => i, i => candidates[i].Endpoint.Metadata.GetMetadata<PageRoute>() is not null);
        // Only where a page and an API compete: a lone API route (POST /graphql) is never taken away.
        if (!isPage.ContainsValue(true) || !isPage.ContainsValue(false)) return Task.CompletedTask;
        var wantsPage = WebPages.WantsPage(http.Request);
        foreach (var (index, page) in isPage) candidates.SetValidity(index, page == wantsPage);
        return Task.CompletedTask;
    }
}
