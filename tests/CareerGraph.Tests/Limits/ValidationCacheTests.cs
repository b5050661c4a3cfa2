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

    [Fact]
    public async Task A_curator_field_a_curator_ran_is_still_refused_to_a_reader_and_to_an_anonymous_caller()
    {
        const string query = "query Trail { ...Trail } fragment Trail on Query { auditTrail { sequence } }";
        Assert.Equal(HttpStatusCode.OK, (await _service.WithKey().PostAsync(query)).Status);
        var reader = await _service.WithToken(CurationService.Token("bob")).PostAsync(query);
        var anonymous = await _service.Anonymous().PostAsync(query);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (reader.Status, anonymous.Status));
        Assert.Equal(["FORBIDDEN"], reader.ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await _service.WithKey().PostAsync(query)).Status);
    }

    [Fact]
    public async Task A_document_sent_again_answers_what_a_document_seen_once_answers()
    {
        // The same operation with other text (trailing spaces) is a document seen once: GraphQL.NET validates it whole.
        const string query = """
            query Q($id: ID!, $first: Int = 2, $more: Boolean!) {
              career(id: $id) { name skills @include(if: $more) { skill { requiredBy(first: $first) { career { id } } } } }
              nodes(ids: [$id, "python"]) { id }
            }
            """;
        var requests = new object[]
        {
            new { id = "mlops-engineer", more = true }, new { id = "data-engineer", first = 1, more = false },
            new { id = "no-such-career", more = true }, new { id = "cloud-engineer", first = 3, more = true },
        };
        for (var i = 0; i < requests.Length; i++)
        {
            var again = await _service.Anonymous().PostAsync(query, requests[i]);
            var once = await _service.Anonymous().PostAsync(query + new string(' ', i + 1), requests[i]);
            Assert.Equal(HttpStatusCode.OK, again.Status);
            Assert.Equal(once.Body.GetRawText(), again.Body.GetRawText());
        }
    }

    public void Dispose() => _service.Dispose();
}
