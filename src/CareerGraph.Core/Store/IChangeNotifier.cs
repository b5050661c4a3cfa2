namespace CareerGraph.Store;

/// <summary>
/// A store that knows in-process when a change has committed (the embedded store). Listeners of the audit trail
/// read it at once instead of waiting for their next poll; stores that cannot tell (Neo4j, shared by several
/// instances) are polled.
/// </summary>
public interface IChangeNotifier
{
    /// <summary>Raised after a change and its audit entries have committed. Handlers must return at once.</summary>
    event Action? ChangeCommitted;
}
