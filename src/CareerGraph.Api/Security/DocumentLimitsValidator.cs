using GraphQL.Validation;

namespace CareerGraph.Api.Security;

/// <summary>
/// Measures a document's shape (<see cref="DocumentShape"/>) before the specification's validation rules run and
/// refuses it with one error when it is over a limit, so that no rule ever walks a hostile document's expansion
/// (GraphQL.NET's rules and complexity analyser visit a fragment again wherever it is spread).
/// </summary>
public sealed class DocumentLimitsValidator(LimitOptions limits) : IDocumentValidator
{

    private readonly DocumentValidator _specification = new();

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (Refusal(options) is { } refusal) return Task.FromResult<IValidationResult>(new ValidationResult(refusal));
        return _specification.ValidateAsync(options);
    }

    private ValidationError? Refusal(in ValidationOptions options)
    {
        DocumentShape shape;
        try
        {
            shape = DocumentShape.Measure(options.Document, options.Operation, options.Schema, options.Variables);
        }
        catch (InsufficientExecutionStackException)
        {
            return Error(ErrorCodes.QueryTooDeep, $"The operation nests fragments and fields too deep to measure; the limit is {limits.MaxDepth} levels. Ask for fewer levels.");
        }

        if (shape.MostDirectivesOnOneLocation > limits.MaxDirectivesPerLocation)
            return Error(ErrorCodes.TooManyDirectives,
                $"One field or fragment carries {shape.MostDirectivesOnOneLocation} directives; the limit is {limits.MaxDirectivesPerLocation} (CareerGraph:Limits:MaxDirectivesPerLocation).");
        if (shape.FragmentSpreads > limits.MaxFragmentSpreads)
            return Error(ErrorCodes.TooManyFragmentSpreads,
                $"The document spreads fragments {shape.FragmentSpreads} times; the limit is {limits.MaxFragmentSpreads} (CareerGraph:Limits:MaxFragmentSpreads). Spread fewer fragments or split the request.");
        if (shape.Fields > limits.MaxFields)
            return Error(ErrorCodes.TooManyFields, $"The document selects {shape.Fields} fields; the limit is {limits.MaxFields}. Split it into smaller requests.");
        if (shape.Aliases > limits.MaxAliases)
            return Error(ErrorCodes.TooManyAliases, $"The document uses {shape.Aliases} aliases; the limit is {limits.MaxAliases}. Split it into smaller requests.");
        if (!limits.Introspection && shape.IntrospectionFields is [var introspection, ..])
            return Error(ErrorCodes.IntrospectionDisabled, $"Introspection ('{introspection}') is turned off on this service; read the published schema.graphql instead.");
        if (shape.Depth > limits.MaxDepth)
            return Error(ErrorCodes.QueryTooDeep, $"The operation nests fields {shape.Depth} deep; the limit is {limits.MaxDepth}. Ask for fewer levels.");
        if (shape.Cost > limits.MaxComplexity)
            return Error(ErrorCodes.QueryTooComplex,
                $"The operation would cost about {shape.Cost:0} (each field counts, lists times their page size, fragments wherever spread); the limit is {limits.MaxComplexity}. Ask for smaller pages, fewer nested lists or fewer fragment spreads.");
        return null;
    }

    private static ValidationError Error(string code, string message) => new(message) { Code = code };
}
