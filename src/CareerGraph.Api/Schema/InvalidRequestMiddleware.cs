using CareerGraph.Store;
using GraphQL;
using GraphQL.Instrumentation;

namespace CareerGraph.Api.Schema;

/// <summary>
/// Core refuses a request it cannot answer with an <see cref="InvalidRequestException"/>; every field answers it as an
/// error the client can fix (its code and data in <c>extensions</c>), never as a fault of the service.
/// </summary>
internal sealed class InvalidRequestMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        try
        {
            var pending = next(context);
            return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending);
        }
        catch (InvalidRequestException refused)
        {
            throw GraphError.From(refused);
        }
    }

    private static async ValueTask<object?> AwaitAsync(ValueTask<object?> pending)
    {
        try
        {
            return await pending;
        }
        catch (InvalidRequestException refused)
        {
            throw GraphError.From(refused);
        }
    }
}
