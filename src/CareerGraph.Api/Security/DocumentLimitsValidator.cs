using System.Runtime.CompilerServices;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// Measures a document's shape (<see cref="DocumentShape"/>) before the specification's validation rules run and
/// refuses it with one error when it is over a limit, so that no rule ever walks a hostile document's expansion
/// (GraphQL.NET's rules and complexity analyser visit a fragment again wherever it is spread).
/// <para>
/// An operation of a document seen before (the parsed-document cache hands out the same instance for the same text)
/// that passed the specification's rules is not checked by them again: those rules depend on the document and the
/// schema only. What depends on the request is still decided every time: the caller's access (from the fields the
/// access rule found needing a role), the limits when a page size comes from a variable (otherwise an operation has
/// one shape, so its limits are checked once too), and the variables' coercion with the argument and
/// directive values read with them (<see cref="ValidatedOperation"/>, without a walk of the document). A request out
/// of the ordinary there, or a rule this class does not know, is validated by GraphQL.NET as the first one was.
/// </para>
/// <para>
/// The access rule is one of the rules of every request, added here rather than by a step around every execution
/// (GraphQL.NET's <c>AddValidationRule</c>), which each request would pay for.
/// </para>
/// </summary>
internal sealed class DocumentLimitsValidator(LimitOptions limits, AccessRule access) : IDocumentValidator
{
    /// <summary>The specification's rules that read only the document and the schema, never variables or the caller.</summary>
    private static readonly HashSet<IValidationRule> DocumentOnlyRules = [.. DocumentValidator.CoreRules.Where(rule => rule is not FieldArgumentsAreValidRule)];

    private readonly DocumentValidator _specification = new();

    /// <summary>Operations that passed the document-only rules; an entry goes when its document is no longer kept.</summary>
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, Passed> _passed = new();

    /// <summary>What an operation passed: the document-only rules, and, when no page size comes from a variable, the limits; and what a request of it needs.</summary>
    private sealed record Passed(bool WithinLimits, ValidatedOperation? Operation);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        _passed.TryGetValue(options.Operation, out var passed);
        var pageSizeFromVariable = false;
        if (passed is not { WithinLimits: true } && Refusal(options, out pageSizeFromVariable) is { } refusal)
            return Task.FromResult<IValidationResult>(new ValidationResult(refusal));
        if (passed is null) return ValidateAndRememberAsync(options, withinLimitsAlways: !pageSizeFromVariable);
        if (passed.Operation is { } operation && OnlyKnownRules(options) && access.TryDecide(options.Operation, options.User, out var forbidden))
        {
            if (forbidden is not null) return Task.FromResult<IValidationResult>(new ValidationResult(forbidden));
            if (operation.TryValidate(options.Schema, options.Document, options.Variables) is { } validated) return Task.FromResult(validated);
        }
        return _specification.ValidateAsync(options with { Rules = [.. RulesOf(options).Where(rule => !DocumentOnlyRules.Contains(rule))] });
    }

    /// <summary>The rules a request is validated by: its own (the specification's unless it names others) and the access rule.</summary>
    private IEnumerable<IValidationRule> RulesOf(in ValidationOptions options) => (options.Rules ?? DocumentValidator.CoreRules).Append(access);

    private async Task<IValidationResult> ValidateAndRememberAsync(ValidationOptions options, bool withinLimitsAlways)
    {
        var result = await _specification.ValidateAsync(options with { Rules = [.. RulesOf(options)] });
        // Only a pass under every document-only rule is kept: a document with errors runs every rule again, so its
        // answer lists them all every time.
        if (result.IsValid && DocumentOnlyRules.IsSubsetOf(options.Rules ?? DocumentValidator.CoreRules))
            _passed.AddOrUpdate(options.Operation, new Passed(withinLimitsAlways, ValidatedOperation.Of(options.Schema, options.Document, options.Operation)));
        return result;
    }

    /// <summary>
    /// Whether the request's own rules are the document-only ones and argument validation where the schema has none to
    /// run: with the access rule, what <see cref="AccessRule.TryDecide"/> and <see cref="ValidatedOperation"/> stand for.
    /// </summary>
    private static bool OnlyKnownRules(in ValidationOptions options)
    {
        var argumentValidation = options.Schema.GetMetadata<bool>(FieldArgumentsAreValidRule.HAS_FIELD_ARGUMENT_VALIDATION_KEY);
        if (options.Rules is null) return !argumentValidation; // the specification's: the document-only rules and argument validation
        foreach (var rule in options.Rules)
            if (!DocumentOnlyRules.Contains(rule) && (argumentValidation || rule is not FieldArgumentsAreValidRule)) return false;
        return true;
    }

    /// <summary>The error that refuses the document for a limit, or null; and whether a page size comes from a variable (then the cost changes with the request).</summary>
    private ValidationError? Refusal(in ValidationOptions options, out bool pageSizeFromVariable)
    {
        DocumentShape shape;
        pageSizeFromVariable = true;
        try
        {
            shape = DocumentShape.Measure(options.Document, options.Operation, options.Schema, options.Variables);
            pageSizeFromVariable = shape.PageSizeFromVariable;
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
