using System.Security.Cryptography;
using System.Text;
using CareerGraph.Model;

namespace CareerGraph.Curation;

/// <summary>
/// A node's version, for optimistic concurrency: a digest of its own fields (as the audit trail records them),
/// so it changes whenever any of them changes, is the same on every backend, and needs nothing stored.
/// </summary>
public static class NodeEtag
{
    public static string Of(GraphNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditJson.Node(node))).AsSpan(0, 8));
}
