using CareerGraph.Api.Caching;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CareerGraph.Api.Schema;

/// <summary>
/// Runs the fields of a mutation one after the other, each with everything below it (batched loads
/// included) before the next starts: GraphQL.NET's serial strategy defers batched loads to the end,
/// so an earlier payload would show the state after later mutations.
/// </summary>
internal sealed class MutationExecutionStrategy : ExecutionStrategy
{
    /// <summary>
    /// Runs the mutation, then tells the answer cache's version that a write went through this instance (however the
    /// mutation ended: a field may have written before another failed). Here rather than in a step around every
    /// execution, which queries would pay for too.
    /// </summary>
    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        try
        {
            return await base.ExecuteAsync(context);
        }
        finally
        {
            context.RequestServices?.GetService<GraphVersion>()?.NoteWrite();
        }
    }

    public override async Task ExecuteNodeTreeAsync(ExecutionContext context, ExecutionNode rootNode)
    {
        await ExecuteNodeAsync(context, rootNode);
        var fields = new List<ExecutionNode>();
        if (rootNode is IParentExecutionNode root) root.ApplyToChildren((node, list) => list.Add(node), fields);
        foreach (var field in fields) await ExecuteSubtreeAsync(context, field);
    }

    private async Task ExecuteSubtreeAsync(ExecutionContext context, ExecutionNode start)
    {
        var pending = new Stack<ExecutionNode>([start]);
        var loading = new Queue<ExecutionNode>();
        while (pending.Count > 0 || loading.Count > 0)
        {
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                await ExecuteNodeAsync(context, node);
                Continue(node, pending, loading);
            }
            while (loading.Count > 0)
            {
                var node = loading.Dequeue();
                await CompleteDataLoaderNodeAsync(context, node);
                Continue(node, pending, loading);
            }
        }
    }

    private static void Continue(ExecutionNode node, Stack<ExecutionNode> pending, Queue<ExecutionNode> loading)
    {
        if (node.Result is IDataLoaderResult) loading.Enqueue(node);
        else if (node is IParentExecutionNode parent) parent.ApplyToChildren((child, stack) => stack.Push(child), pending, reverse: true);
    }
}
