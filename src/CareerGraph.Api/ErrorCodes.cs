namespace CareerGraph.Api;

/// <summary>
/// The stable codes the service puts in <c>errors[].extensions.code</c>, besides those of Core
/// (<see cref="CareerGraph.Model.RuleCodes"/>: graph rules, curation, references and arguments), which it passes on as they are.
/// Clients branch on them, so a code never changes its meaning.
/// </summary>
internal static class ErrorCodes
{
    // GraphQL over HTTP: a request that cannot be read or answered (Http/).
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string InvalidJson = "INVALID_JSON";
    public const string IncompleteBody = "INCOMPLETE_BODY";
    public const string InvalidVariables = "INVALID_VARIABLES";
    public const string QueryMissing = "QUERY_MISSING";
    public const string BatchTooLarge = "BATCH_TOO_LARGE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string TooManyErrors = "TOO_MANY_ERRORS";

    // Subscriptions over Server-Sent Events (Http/GraphQLEventStream.cs, Live/).
    public const string EventStreamRequired = "EVENT_STREAM_REQUIRED";
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";
    public const string ReplayTooLong = "REPLAY_TOO_LONG";
    public const string SubscriberTooSlow = "SUBSCRIBER_TOO_SLOW";

    // GraphQL over WebSocket (Http/GraphQLWebSocket.cs): a page from an origin that may not open a socket.
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";

    // Persisted queries (Documents/).
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string PersistedQueryInvalid = "PERSISTED_QUERY_INVALID";

    // Who may ask, and how often (Security/).
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string RateLimited = "RATE_LIMITED";

    // The shape of a document (Security/DocumentLimitsValidator.cs).
    public const string QueryTooDeep = "QUERY_TOO_DEEP";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    public const string TooManyFields = "TOO_MANY_FIELDS";
    public const string TooManyAliases = "TOO_MANY_ALIASES";
    public const string TooManyFragmentSpreads = "TOO_MANY_FRAGMENT_SPREADS";
    public const string TooManyDirectives = "TOO_MANY_DIRECTIVES";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED"; // past the parser's own nesting bound (Documents/DepthCheckedDocumentBuilder.cs)

    /// <summary>The service's start failed while the request waited for it (Hosting/StartGate.cs); the process is stopping.</summary>
    public const string Unavailable = "SERVICE_UNAVAILABLE";

    /// <summary>A fault of the service; the answer says no more (Schema/PublicErrorInfoProvider.cs).</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
