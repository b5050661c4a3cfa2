using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// Where the file stands, as far as a snapshot is concerned: the last audit sequence (every curation write appends to
/// the trail in its own transaction) and how many imports have changed the graph (imports write no audit entries, so
/// each one that changes something counts itself in import_generation). A snapshot holding both marks holds the file.
/// The identity, a random text the file is given when it is created, tells one database from another.
/// </summary>
internal sealed record FileMarks(long AuditSequence, long ImportGeneration, string Identity)
{
    /// <summary>The marks as the current read transaction sees them.</summary>
    public static FileMarks Read(sqlite3 db)
    {
        var identity = "";
        SqliteRows.Read(db, "SELECT identity FROM store_identity WHERE id = 1", row => identity = SqliteRows.Text(row, 0));
        return new(
            SqliteRows.Integer(db, "SELECT coalesce(max(sequence), 0) FROM audit"),
            SqliteRows.Integer(db, "SELECT coalesce((SELECT generation FROM import_generation WHERE id = 1), 0)"),
            identity);
    }
}
