using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CareerGraph.Api.Documents;

/// <summary>
/// GraphQL.NET's document builder, with a document nested past what its parser reads (<see cref="ParserDepth"/> levels
/// of selections, lists or input objects) refused as the client's error, MAX_DEPTH_EXCEEDED. GraphQL.NET turns only
/// syntax errors into errors of the request; the parser's depth error would otherwise pass for a fault of the service.
/// </summary>
internal sealed class DepthCheckedDocumentBuilder : IDocumentBuilder
{
    /// <summary>The parser's own bound (GraphQLParser's default), which keeps parsing from exhausting the stack.</summary>
    public const int ParserDepth = 128;

    private readonly GraphQLDocumentBuilder _builder = new();

    public GraphQLDocument Build(string body)
    {
        try
        {
            return _builder.Build(body);
        }
        catch (GraphQLMaxDepthExceededException e)
        {
            var error = new ExecutionError($"The document nests more than {ParserDepth} levels of selections, lists or input objects. Ask for fewer levels.")
            {
                Code = ErrorCodes.MaxDepthExceeded,
            };
            error.AddLocation(e.Location);
            throw error;
        }
    }
}
