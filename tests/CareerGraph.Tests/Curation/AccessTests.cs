using System.Net;
using System.Text.Json;
using CareerGraph.Api.Security;
using CareerGraph.Curation;
using Microsoft.AspNetCore.Http;

namespace CareerGraph.Tests.Curation;

/// <summary>Who may write and read: curator API keys and tokens, refusals that change nothing, optional protection of reads.</summary>
public sealed class AccessTests : IDisposable
{
    private readonly CurationService _service = new();

    private const string CreateSkill = """mutation { createSkill(input: { id: "rust", name: "Rust" }) { skill { id } userErrors { code } } }""";

    private async Task AssertNothingChangedAsync()
    {
        Assert.Empty(await _service.Store.GetNodesAsync(["rust"]));
        Assert.Empty(await _service.Store.GetAuditAsync(new AuditQuery()));
    }

    [Fact]
    public async Task A_mutation_without_a_credential_is_unauthenticated_and_changes_nothing()
    {
        var answer = await _service.Anonymous().PostAsync(CreateSkill);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(["UNAUTHENTICATED"], answer.ErrorCodes);
        Assert.Contains("X-Api-Key", answer.FirstErrorMessage);
        Assert.False(answer.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_even_for_a_read()
    {
        var write = await _service.WithKey("not-the-key").PostAsync(CreateSkill);
        var read = await _service.WithKey("not-the-key").PostAsync("{ stats { careers } }");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (write.Status, read.Status));
        Assert.Equal(["UNAUTHENTICATED"], read.ErrorCodes);
        Assert.Contains("key this service does not know", read.FirstErrorMessage);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_token_with_the_curator_role_may_write_and_is_named_in_the_audit_trail()
    {
        var answer = await _service.WithToken(CurationService.Token("alice", role: "curator")).PostAsync(CreateSkill);
        Assert.Equal("rust", answer.Data.GetProperty("createSkill").GetProperty("skill").GetProperty("id").GetString());
        Assert.Equal("jwt:alice", Assert.Single(await _service.Store.GetAuditAsync(new AuditQuery())).Actor);
    }

    [Fact]
    public async Task A_token_without_the_curator_role_may_read_but_not_write()
    {
        var reader = _service.WithToken(CurationService.Token("bob"));
        var write = await reader.PostAsync(CreateSkill);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal(["FORBIDDEN"], write.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsync("{ stats { careers } }")).Status);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("forged")]
    [InlineData("other-audience")]
    [InlineData("garbage")]
    public async Task An_invalid_token_is_unauthenticated(string kind)
    {
        var token = kind switch
        {
            "expired" => CurationService.Token("alice", "curator", lifetime: TimeSpan.FromMinutes(-5)),
            "forged" => CurationService.Token("alice", "curator", signingKey: "another-key-that-is-also-long-enough-1234"),
            "other-audience" => CurationService.Token("alice", "curator", audience: "another-service"),
            _ => "not.a.token",
        };
        var answer = await _service.WithToken(token).PostAsync(CreateSkill);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(["UNAUTHENTICATED"], answer.ErrorCodes);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task The_audit_trail_is_for_curators_only()
    {
        var anonymous = await _service.Anonymous().PostAsync("{ auditTrail { sequence } }");
        var reader = await _service.WithToken(CurationService.Token("bob")).PostAsync("{ auditTrail { sequence } }");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), (anonymous.Status, reader.Status));
        Assert.Equal(HttpStatusCode.OK, (await _service.WithKey().PostAsync("{ auditTrail { sequence } }")).Status);
    }

    [Fact]
    public async Task A_curator_field_hidden_in_a_fragment_is_still_refused()
    {
        var answer = await _service.Anonymous().PostAsync("query { ...Trail } fragment Trail on Query { auditTrail { actor } }");
        Assert.Equal(["UNAUTHENTICATED"], answer.ErrorCodes);
    }

    [Fact]
    public async Task Reads_are_open_by_default_and_protected_when_configured()
    {
        Assert.Equal(HttpStatusCode.OK, (await _service.Anonymous().PostAsync("{ stats { careers } }")).Status);

        using var protectedService = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Auth:RequireForReads"] = "true" });
        var anonymous = await protectedService.Anonymous().PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await protectedService.WithToken(CurationService.Token("bob")).PostAsync("{ stats { careers } }")).Status);
        Assert.Equal(HttpStatusCode.OK, (await protectedService.WithKey().PostAsync("{ stats { careers } }")).Status);
    }

    [Fact]
    public async Task Requests_are_not_put_through_the_authentication_middleware_which_the_endpoints_make_unneeded()
    {
        // The middleware marks every request it passes with an authentication feature; the endpoint authenticates a
        // caller that sends a credential itself, so a key still makes a curator and a request without one stays anonymous.
        foreach (var key in new[] { null, CurationService.CuratorKey })
        {
            var http = await _service.Server.SendAsync(context =>
            {
                context.Request.Method = HttpMethods.Post;
                context.Request.Path = "/graphql";
                context.Request.ContentType = "application/json";
                if (key is not null) context.Request.Headers["X-Api-Key"] = key;
                context.Request.Body = new MemoryStream("""{"query":"{ stats { careers } }"}"""u8.ToArray());
            });
            Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
            Assert.Null(http.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticationFeature>());
            Assert.Equal(key is not null, http.User.IsCurator());
        }
    }

    [Theory]
    [InlineData("CareerGraph:Auth:ApiKeys:0:Sha256", "not-hex", "64 hex digits")]
    [InlineData("CareerGraph:Auth:ApiKeys:0:Name", "", "no name")]
    [InlineData("CareerGraph:Auth:Jwt:Audience", "", "needs an Audience")]
    [InlineData("CareerGraph:Auth:Jwt:SigningKey", "short", "shorter than 32 bytes")]
    public void Bad_credential_settings_stop_the_service_at_start_with_a_clear_message(string setting, string value, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => new CurationService(new Dictionary<string, string?> { [setting] = value }).Dispose());
        Assert.Contains(message, error.ToString());
    }

    public void Dispose() => _service.Dispose();
}
