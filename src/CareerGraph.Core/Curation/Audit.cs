namespace CareerGraph.Curation;

/// <summary>What kind of operation an audit entry records.</summary>
public enum AuditOperation { CreateNode, UpdateNode, DeleteNode, PutEdge, RemoveEdge, AddAlias, RemoveAlias, MergeCareers }

/// <summary>
/// What one operation changed, worked out before it is written: the nodes it concerns, a line for
/// people, and the state before and after as JSON (null where there was or is nothing).
/// </summary>
public sealed record AuditRecord(AuditOperation Operation, IReadOnlyList<string> NodeIds, string Summary, string? Before, string? After);

/// <summary>An accepted operation in the audit trail: its place in the order of changes, when, and who.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    AuditOperation Operation,
    IReadOnlyList<string> NodeIds,
    string Summary,
    string? Before,
    string? After)
{
    public static AuditEntry Of(AuditRecord record, long sequence, DateTimeOffset at, string actor) =>
        new(sequence, at, actor, record.Operation, record.NodeIds, record.Summary, record.Before, record.After);
}

/// <summary>
/// A page of the audit trail, oldest first. Filters combine; <see cref="AfterSequence"/> continues
/// after an entry already seen.
/// </summary>
public sealed record AuditQuery
{
    /// <summary>Only entries that concern this node (by id).</summary>
    public string? NodeId { get; init; }
    public string? Actor { get; init; }
    public long AfterSequence { get; init; }
    public int First { get; init; } = 50;
}

/// <summary>What an accepted change set wrote to the audit trail, one entry per operation.</summary>
public sealed record ChangeReceipt(IReadOnlyList<AuditEntry> Entries);
