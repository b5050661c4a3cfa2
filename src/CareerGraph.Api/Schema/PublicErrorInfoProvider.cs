using GraphQL;
using GraphQL.Execution;

namespace CareerGraph.Api.Schema;

/// <summary>
/// How errors read in answers. A fault of the service (an exception no resolver expected) is INTERNAL_SERVER_ERROR
/// with a generic message, never the exception's type, message or stack; those are logged, and shown in answers only
/// where CareerGraph:Errors:ExposeDetails is true (a developer's own machine).
/// </summary>
internal sealed class PublicErrorInfoProvider(bool exposeDetails) : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeCode = true,
    ExposeCodes = false,
    ExposeData = true,
    ExposeExceptionDetails = exposeDetails,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        // GraphQL.NET names an unexpected exception's code after its .NET type (e.g. INVALID_OPERATION).
        if (!exposeDetails && executionError is UnhandledError && info.Extensions is { } extensions)
            extensions["code"] = ErrorCodes.InternalServerError;
        return info;
    }
}
