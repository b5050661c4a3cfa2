namespace CareerGraph.Api.Security;

/// <summary>Who may write and read ("CareerGraph:Auth"). Documented in docs/curation.md.</summary>
internal sealed class AuthOptions
{
    public const string Section = "CareerGraph:Auth";

    /// <summary>Curator API keys, each stored only as the SHA-256 of the key (64 hex digits) with a name for the audit trail.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>When true, queries need a credential too (any valid API key or JWT); mutations always need a curator.</summary>
    public bool RequireForReads { get; set; }
}

internal sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, as the audit trail names them ("key:NAME").</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the key in hex: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";
}

internal sealed class JwtOptions
{
    /// <summary>Symmetric signing key (HS256), at least 32 bytes of UTF-8. Leave empty to use <see cref="Authority"/>.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>OpenID Connect issuer whose published keys sign the tokens (instead of a signing key).</summary>
    public string Authority { get; set; } = "";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    public bool IsConfigured => SigningKey.Length > 0 || Authority.Length > 0;
}
