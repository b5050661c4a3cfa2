using System.Net;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Limits;

/// <summary>
/// A document sent again skips only the validation rules that read the document alone: whatever depends on the caller,
/// the variables or the limits is checked on every request, and a document with errors reports them every time.
/// </summary>
public sealed class ValidationCacheTests : IDisposable
{
    private readonly CurationService _service = new();

    [Fact]
    public async Task A_mutation_a_curator_ran_is_still_refused_to_an_anonymous_caller()
    {
        const string mutation = """mutation { createSkill(input: { id: "zig", name: "Zig" }) { skill { id } } }""";
        Assert.Equal(HttpStatusCode.OK, (await _service.WithKey().PostAsync(mutation)).Status);
        var anonymous = await _service.Anonymous().PostAsync(mutation);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
    }

    [Fact]
    public async Task Variables_of_a_document_seen_before_are_still_checked()
    {
        const string query = "query Career($id: ID!) { career(id: $id) { name } }";
        var first = await _service.Anonymous().PostAsync(query, new { id = "mlops-engineer" });
        Assert.Equal("MLOps Engineer", first.Data.GetProperty("career").GetProperty("name").GetString());
        var missing = await _service.Anonymous().PostAsync(query, new { });
        Assert.Equal(["INVALID_VALUE"], missing.ErrorCodes);
        var wrongType = await _service.Anonymous().PostAsync(query, new { id = new[] { 1, 2 } });
        Assert.Equal(["INVALID_VALUE"], wrongType.ErrorCodes);
    }

    [Fact]
    public async Task A_page_size_in_a_variable_is_held_to_the_cost_limit_each_time()
    {
        const string query = "query Page($first: Int) { careers(first: $first) { nodes { skills { skill { requiredBy(first: 100) { career { name } } } } } } }";
        Assert.Equal(HttpStatusCode.OK, (await _service.Anonymous().PostAsync(query, new { first = 1 })).Status);
        var costly = await _service.Anonymous().PostAsync(query, new { first = 100 });
        Assert.Equal(HttpStatusCode.BadRequest, costly.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], costly.ErrorCodes);
    }

    [Fact]
    public async Task A_document_with_errors_reports_the_same_errors_every_time()
    {
        const string query = "{ career(id: \"mlops-engineer\") { name salary } nope }";
        var first = await _service.Anonymous().PostAsync(query);
        var second = await _service.Anonymous().PostAsync(query);
        Assert.Equal(["FIELDS_ON_CORRECT_TYPE", "FIELDS_ON_CORRECT_TYPE"], first.ErrorCodes);
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
    }

    public void Dispose() => _service.Dispose();
}
