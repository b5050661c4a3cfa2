using GraphQL;

namespace CareerGraph.Api.Http;

/// <summary>
/// Keeps an answer small however many errors an operation makes: the first errors as they came, then one
/// TOO_MANY_ERRORS saying how many were left out. A client fixes the first ones before it needs the rest.
/// </summary>
internal static class ErrorCap
{

    public static ExecutionResult Apply(ExecutionResult result, int maxErrors)
    {
        if (result.Errors is not { } errors || errors.Count <= maxErrors) return result;
        var kept = new ExecutionErrors();
        foreach (var error in errors.Take(maxErrors)) kept.Add(error);
        kept.Add(new ExecutionError(
            $"{errors.Count - maxErrors} more errors were left out; the answer carries at most {maxErrors} (CareerGraph:Limits:MaxErrors). Fix these and ask again.")
        { Code = ErrorCodes.TooManyErrors });
        result.Errors = kept;
        return result;
    }
}
