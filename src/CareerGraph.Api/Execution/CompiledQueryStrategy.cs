using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CareerGraph.Api.Execution;

/// <summary>
/// Executes a query from its compiled <see cref="OperationPlan"/> and hands GraphQL.NET the answer already written as
/// JSON (<see cref="CompiledAnswer"/>), skipping the general executor's node per field and its result serialiser.
/// GraphQL.NET has parsed and validated the document and coerced the variables and arguments before this runs.
/// Anything the plan does not cover, or any error or null where the type forbids one, throws away what the plan
/// wrote and runs the general executor (<see cref="ParallelExecutionStrategy"/>) on the same request, so errors,
/// null propagation and extensions come out exactly as without plans. Only queries run here, and their resolvers
/// only read, so running the general executor after a partial plan run has no side effect twice.
/// </summary>
internal sealed class CompiledQueryStrategy(int maxCachedLength) : ParallelExecutionStrategy
{
    /// <summary>Plans of operations of kept documents: an entry goes when the parsed-document cache drops its document.</summary>
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, OperationPlan> _plans = new();

    private long _answered;
    private long _fellBack;

    /// <summary>Queries answered from a plan, and queries a plan handed to the general executor (for tests and diagnostics).</summary>
    public (long Answered, long FellBack) Counts => (Interlocked.Read(ref _answered), Interlocked.Read(ref _fellBack));

    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        if (PlanFor(context) is { } root)
        {
            if (await PlanExecution.RunAsync(this, context, root) is { } answer)
            {
                Interlocked.Increment(ref _answered);
                // What GraphQL.NET's own strategies set from the context, with the data already written.
                return new ExecutionResult
                {
                    Query = context.Document.Source,
                    Document = context.Document,
                    Operation = context.Operation,
                    Extensions = context.OutputExtensions,
                    Executed = true,
                    Data = answer,
                };
            }
            Interlocked.Increment(ref _fellBack);
        }
        return await base.ExecuteAsync(context);
    }

    /// <summary>
    /// Only queries of documents the parsed-document cache keeps (the same text gets the same parsed instance, so
    /// the plan is built once); not while a resolve-context accessor is on, which the plan does not set.
    /// </summary>
    private SelectionPlan? PlanFor(ExecutionContext context)
    {
        if (context.Operation.Operation != OperationType.Query || context.Document.Source.Length > maxCachedLength
            || (context.Schema as GraphQL.Types.Schema)?.ResolveFieldContextAccessor is not null)
            return null;
        if (!_plans.TryGetValue(context.Operation, out var plan))
        {
            plan = new OperationPlan(context.Document, context.Operation);
            _plans.AddOrUpdate(context.Operation, plan);
        }
        return plan.RootFor(this, context);
    }

    /// <summary>GraphQL.NET's own CollectFields, so that merging, fragments and directives follow the general executor.</summary>
    internal Dictionary<string, (GraphQLField Field, FieldType FieldType)> Collect(ExecutionContext context, IObjectGraphType type, GraphQLSelectionSet selectionSet) =>
        CollectFieldsFrom(context, type, selectionSet, null);

    /// <summary>Whether @skip/@include keep a field, fragment spread or inline fragment in this request.</summary>
    internal bool Includes(ExecutionContext context, ASTNode node) => node switch
    {
        GraphQLField field => ShouldIncludeNode(context, field),
        GraphQLFragmentSpread spread => ShouldIncludeNode(context, spread),
        GraphQLInlineFragment inline => ShouldIncludeNode(context, inline),
        _ => true,
    };

    /// <summary>The first field node of the document with the response key, where a selection set applies to the type.</summary>
    internal GraphQLField? FirstField(ExecutionContext context, IObjectGraphType type, GraphQLSelectionSet selectionSet, string key)
    {
        foreach (var selection in selectionSet.Selections)
        {
            var found = selection switch
            {
                GraphQLField field => (field.Alias?.Name.StringValue ?? field.Name.StringValue) == key ? field : null,
                GraphQLFragmentSpread spread => context.Document.FindFragmentDefinition(spread.FragmentName.Name) is { } fragment
                    && DoesFragmentConditionMatch(context, fragment.TypeCondition.Type.Name, type)
                        ? FirstField(context, type, fragment.SelectionSet, key) : null,
                GraphQLInlineFragment inline => inline.TypeCondition is null || DoesFragmentConditionMatch(context, inline.TypeCondition.Type.Name, type)
                    ? FirstField(context, type, inline.SelectionSet, key) : null,
                _ => null,
            };
            if (found is not null) return found;
        }
        return null;
    }
}
