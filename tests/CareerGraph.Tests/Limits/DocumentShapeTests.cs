using System.Net;
using System.Net.Http.Json;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Limits;

/// <summary>
/// Documents are measured as written, each fragment once: a document that expands to millions of fields is
/// refused as quickly as it is read, and no answer carries more than a bounded number of errors.
/// </summary>
public sealed class DocumentShapeTests
{
    private static CurationService Service(params (string Key, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    /// <summary>Fragments each spreading the next twice: 2^levels copies of the innermost field once expanded.</summary>
    public static string FragmentBomb(int levels) =>
        "{ ...F0 }\n"
        + string.Concat(Enumerable.Range(0, levels).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n"))
        + $"fragment F{levels} on Query {{ stats {{ careers }} }}\n";

    [Fact]
    public async Task A_fragment_bomb_is_refused_as_too_complex_and_the_service_keeps_answering()
    {
        using var service = Service();
        var bomb = await service.Anonymous().PostAsync(FragmentBomb(26));
        Assert.Equal(HttpStatusCode.BadRequest, bomb.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], bomb.ErrorCodes);
        Assert.Contains("the limit is 100000", bomb.FirstErrorMessage);
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ stats { careers } }")).Status);
    }

    [Fact]
    public async Task Fragments_count_wherever_they_are_spread_so_a_small_bomb_under_the_limit_still_runs()
    {
        using var service = Service(("CareerGraph:Limits:MaxComplexity", "100"));
        // 2^5 spreads of a fragment costing 2: 64 in all, under 100; 2^6 is 128, over it.
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync(FragmentBomb(5))).Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], (await service.Anonymous().PostAsync(FragmentBomb(6))).ErrorCodes);
    }

    [Fact]
    public async Task A_fragment_on_a_connection_counts_the_page_size_of_the_field_it_is_spread_in()
    {
        using var service = Service(("CareerGraph:Limits:MaxComplexity", "300"));
        const string Fragment = "fragment Names on CareerConnection { nodes { name skills { skill { name } } } }";
        // careers(first: 2): 1 + 1 + 2 × (1 + 1 + 20 × 2) = 86; first: 10 costs 422.
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ careers(first: 2) { ...Names } } " + Fragment)).Status);
        var big = await service.Anonymous().PostAsync("query($n: Int) { careers(first: $n) { ...Names } } " + Fragment, new { n = 10 });
        Assert.Equal(["QUERY_TOO_COMPLEX"], big.ErrorCodes);
    }

    [Fact]
    public async Task Too_many_fragment_spreads_are_refused()
    {
        using var service = Service(("CareerGraph:Limits:MaxFragmentSpreads", "3"));
        const string Fragment = " fragment S on Query { stats { careers } }";
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ ...S ...S ...S }" + Fragment)).Status);
        var many = await service.Anonymous().PostAsync("{ ...S ...S ...S ...S }" + Fragment);
        Assert.Equal(HttpStatusCode.BadRequest, many.Status);
        Assert.Equal(["TOO_MANY_FRAGMENT_SPREADS"], many.ErrorCodes);
    }

    [Fact]
    public async Task A_flood_of_directives_gets_one_small_error()
    {
        using var service = Service();
        var flood = await service.Anonymous().PostAsync("{ stats { careers " + string.Concat(Enumerable.Repeat("@include(if: true) ", 10_000)) + "} }");
        Assert.Equal(HttpStatusCode.BadRequest, flood.Status);
        Assert.Equal(["TOO_MANY_DIRECTIVES"], flood.ErrorCodes);
        Assert.True(flood.Body.GetRawText().Length < 1000, "the answer to a directive flood is not small");
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ stats { careers @include(if: true) @skip(if: false) } }")).Status);
    }

    [Fact]
    public async Task Errors_past_the_cap_are_summed_up_in_one_too_many_errors()
    {
        using var service = Service();
        var unknown = "{ stats { " + string.Join(' ', Enumerable.Range(0, 150).Select(i => $"unknown{i}")) + " } }";
        var answer = await service.Anonymous().PostAsync(unknown);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(101, answer.ErrorCodes.Count);
        Assert.All(answer.ErrorCodes.Take(100), code => Assert.Equal("FIELDS_ON_CORRECT_TYPE", code));
        Assert.Equal("TOO_MANY_ERRORS", answer.ErrorCodes[^1]);
        Assert.Contains("50 more errors", answer.Body.GetProperty("errors")[100].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_batch_caps_the_errors_of_each_result()
    {
        using var service = Service(("CareerGraph:Limits:MaxErrors", "3"));
        var response = await service.Anonymous().PostAsJsonAsync("/graphql", new[] { new { query = "{ stats { a b c d e } }" } });
        var results = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(4, results[0].GetProperty("errors").GetArrayLength());
        Assert.Equal("TOO_MANY_ERRORS", results[0].GetProperty("errors")[3].GetProperty("extensions").GetProperty("code").GetString());
    }
}
