using Microsoft.IdentityModel.Tokens;

namespace CareerGraph.Api.Security;

/// <summary>
/// Why a credential was refused, in this service's words: what is wrong and what to do. The token library's own
/// messages (IDX… codes, type names, key ids) never reach the caller.
/// </summary>
internal static class CredentialProblems
{
    public static string Describe(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions: [var first, ..] } => Describe(first),
        SecurityTokenExpiredException => "The bearer token has expired; get a new one from your identity provider.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet (its 'nbf' is in the future); check the clocks, or wait.",
        SecurityTokenNoExpirationException => "The bearer token has no expiry ('exp'); this service only takes tokens that expire.",
        SecurityTokenInvalidAudienceException => "The bearer token is meant for another service: its audience ('aud') is not this service's.",
        SecurityTokenInvalidIssuerException => "The bearer token comes from an issuer ('iss') this service does not trust.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The bearer token's signature does not verify with this service's keys; get a token from the configured issuer.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT (three base64url parts separated by dots).",
        SecurityTokenException => "The bearer token is not valid; get a new one from your identity provider.",
        // The API key handler's own failures are already written for the caller.
        Microsoft.AspNetCore.Authentication.AuthenticationFailureException => failure.Message,
        _ when failure.GetType() == typeof(Exception) => failure.Message,
        _ => "The credential sent could not be checked; send a curator API key in the X-Api-Key header or a bearer token.",
    };
}
