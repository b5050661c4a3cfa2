namespace CareerGraph.Neo4j.QueryApi;

/// <summary>Neo4j refused or failed a request. <see cref="Code"/> is Neo4j's status code, e.g. Neo.ClientError.Statement.SyntaxError.</summary>
public class Neo4jException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>Neo4j says trying again may succeed (Neo.TransientError.*, except a terminated transaction).</summary>
    public bool IsTransient => IsTransientCode(Code);

    internal static bool IsTransientCode(string code) =>
        code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)
        && code is not ("Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped");
}

/// <summary>Neo4j could not be reached, or did not answer in time, or answered with something other than the Query API.</summary>
internal sealed class Neo4jUnavailableException(string message, Exception? inner = null)
    : Neo4jException("CareerGraph.Neo4jUnavailable", message, inner);

/// <summary>Neo4j refused the credentials (HTTP 401).</summary>
internal sealed class Neo4jAuthenticationException(string code, string message)
    : Neo4jException(code, message);

/// <summary>A commit got no answer (timeout, connection lost): the change may or may not be stored. Never retried blindly.</summary>
internal sealed class Neo4jCommitOutcomeUnknownException(string message, Exception? inner = null)
    : Neo4jException("CareerGraph.CommitOutcomeUnknown", message, inner);
