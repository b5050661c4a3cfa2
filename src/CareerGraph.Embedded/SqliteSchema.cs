using Microsoft.Data.Sqlite;

namespace CareerGraph.Embedded;

/// <summary>
/// The tables of the embedded store. Node properties live as JSON; edges, aliases, redirects and the
/// audit trail as rows; import_generation counts the imports that changed the graph and store_identity tells this
/// database from any other (<see cref="FileMarks"/>, <see cref="SnapshotFile"/>).
/// synchronous = FULL: a change is on disk before it is acknowledged.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        CREATE TABLE IF NOT EXISTS nodes (
            id   TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('Career', 'Skill', 'Industry')),
            name TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS edges (
            source     TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL,
            target     TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            importance REAL,
            core       INTEGER,
            weight     REAL,
            tier       INTEGER,
            reason     TEXT,
            PRIMARY KEY (source, kind, target)
        );
        CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target, kind);
        CREATE TABLE IF NOT EXISTS aliases (
            key    TEXT NOT NULL,
            name   TEXT NOT NULL,
            target TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            PRIMARY KEY (key, target)
        );
        CREATE INDEX IF NOT EXISTS aliases_by_target ON aliases (target);
        CREATE TABLE IF NOT EXISTS redirects (
            id     TEXT PRIMARY KEY,
            target TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS redirects_by_target ON redirects (target);
        CREATE TABLE IF NOT EXISTS audit (
            sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
            at        TEXT NOT NULL,
            actor     TEXT NOT NULL,
            operation TEXT NOT NULL,
            nodes     TEXT NOT NULL,
            summary   TEXT NOT NULL,
            before    TEXT,
            after     TEXT
        );
        CREATE INDEX IF NOT EXISTS audit_by_actor ON audit (actor, sequence);
        CREATE TABLE IF NOT EXISTS audit_nodes (
            node     TEXT NOT NULL,
            sequence INTEGER NOT NULL REFERENCES audit(sequence),
            PRIMARY KEY (node, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS imports (
            key         TEXT PRIMARY KEY,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS import_generation (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS store_identity (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            identity TEXT NOT NULL
        );
        INSERT OR IGNORE INTO store_identity (id, identity) VALUES (1, lower(hex(randomblob(16))));
        """;

    /// <summary>Adds what files written by earlier versions lack: the SEE_ALSO reason column.</summary>
    public static void Upgrade(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('edges') WHERE name = 'reason'";
        if ((long)columns.ExecuteScalar()! > 0) return;
        using var add = connection.CreateCommand();
        add.CommandText = "ALTER TABLE edges ADD COLUMN reason TEXT";
        add.ExecuteNonQuery();
    }
}
