using CareerGraph.Model;

namespace CareerGraph.Curation;

/// <summary>
/// A curator's change: operations applied in order, all or nothing, recorded in the audit trail
/// under <see cref="Actor"/>. Later operations see the effect of earlier ones.
/// </summary>
public sealed record ChangeSet(string Actor, IReadOnlyList<Change> Changes);

/// <summary>One operation of a <see cref="ChangeSet"/>.</summary>
public abstract record Change;

/// <summary>Adds a node; refused when the id is taken (also by a merged-away career).</summary>
public sealed record CreateNode(GraphNode Node) : Change;

/// <summary>Replaces the name and properties of a node; refused when there is no node of that id and kind.</summary>
public sealed record UpdateNode(GraphNode Node) : Change;

/// <summary>
/// Sets the fields of <see cref="Patch"/> on a node, keeping the others as stored when the change is applied;
/// refused when there is no node of that id and kind, and, with <see cref="ExpectedEtag"/>, when the node is no
/// longer as the client read it (<see cref="NodeEtag"/>).
/// </summary>
public sealed record PatchNode(string Id, NodeKind Kind, NodePatch Patch, string? ExpectedEtag = null) : Change;

/// <summary>
/// Removes a node with its edges, its aliases and the redirects of careers merged into it;
/// with <see cref="Kind"/>, only a node of that kind.
/// </summary>
public sealed record DeleteNode(string Id, NodeKind? Kind = null) : Change;

/// <summary>Adds an edge, or replaces the properties of the edge of the same kind between the same nodes.</summary>
public sealed record PutEdge(Edge Edge) : Change;

/// <summary>Removes an edge; refused when there is none.</summary>
public sealed record RemoveEdge(string Source, EdgeKind Kind, string Target) : Change;

/// <summary>Adds an alias (or changes how an existing one is written).</summary>
public sealed record AddAlias(Alias Alias) : Change;

/// <summary>Removes an alias; refused when the node has no such alias.</summary>
public sealed record RemoveAlias(Alias Alias) : Change;

/// <summary>
/// Folds one career into another. The survivor (<see cref="Into"/>) keeps its own properties and
/// gains the edges and aliases of <see cref="From"/>; where both had the same edge, the survivor's
/// stays; edges between the two disappear. The old name becomes an alias, and the old id a
/// <see cref="Redirect"/>, so references to the old career still find the survivor.
/// </summary>
public sealed record MergeCareers(string From, string Into) : Change;

/// <summary>The id of a career merged away, and the career it now stands for.</summary>
public sealed record Redirect(string From, string To);
