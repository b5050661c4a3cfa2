namespace CareerGraph.Neo4j;

/// <summary>Where Neo4j is and how to sign in: the "CareerGraph:Neo4j" configuration section.</summary>
public sealed class Neo4jOptions
{
    public const string Section = "CareerGraph:Neo4j";

    /// <summary>The HTTP address of Neo4j's Query API, e.g. http://localhost:7474 or https://xxxx.databases.neo4j.io.</summary>
    public string Uri { get; set; } = "";

    public string Database { get; set; } = "neo4j";

    /// <summary>Basic authentication; leave User empty when the server has authentication off or a Token is given.</summary>
    public string User { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>A bearer credential (SSO), sent exactly as given after "Bearer "; takes precedence over User/Password.</summary>
    public string Token { get; set; } = "";

    /// <summary>How long one request may take before it is abandoned (and, when safe, tried again).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one request inside an explicit transaction (an import batch, a curator's change, the commit) may take:
    /// longer than a read, and never tried again, so a slow write is waited for rather than abandoned.
    /// </summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long start-up waits in all for Neo4j to finish building its indexes (it asks in steps shorter than AttemptTimeout).</summary>
    public TimeSpan IndexWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a request that is safe to repeat is tried again after a transient failure.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The first pause before trying again; later pauses grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rows sent per write statement when importing.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The problems with these settings, each saying what to set; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri))
            problems.Add($"{Section}:Uri is '{Uri}'; set it to the HTTP address of Neo4j's Query API, e.g. http://localhost:7474 or https://<id>.databases.neo4j.io.");
        else if (uri.Scheme is not ("http" or "https"))
            problems.Add($"{Section}:Uri is '{Uri}'; the service talks to Neo4j over HTTP (the Query API), so use http:// or https:// with the HTTP port (7474 by default), not {uri.Scheme}://.");
        if (string.IsNullOrWhiteSpace(Database))
            problems.Add($"{Section}:Database is empty; name the database to use (usually 'neo4j').");
        if (!string.IsNullOrEmpty(User) && string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Token))
            problems.Add($"{Section}:Password is empty for user '{User}'; set it (e.g. the environment variable CareerGraph__Neo4j__Password).");
        if (AttemptTimeout <= TimeSpan.Zero)
            problems.Add($"{Section}:AttemptTimeout must be positive, e.g. 00:00:30.");
        if (TransactionTimeout < AttemptTimeout)
            problems.Add($"{Section}:TransactionTimeout must be at least AttemptTimeout ({AttemptTimeout}), e.g. 00:02:00.");
        if (IndexWait <= TimeSpan.Zero)
            problems.Add($"{Section}:IndexWait must be positive, e.g. 00:10:00.");
        if (Retries < 0)
            problems.Add($"{Section}:Retries must be 0 or more.");
        if (BatchSize < 1)
            problems.Add($"{Section}:BatchSize must be at least 1.");
        return problems;
    }

    internal Uri BaseAddress => new(Uri.EndsWith('/') ? Uri : Uri + "/");
}
