namespace CareerGraph.Interchange;

/// <summary>A row left out of an import, with where it is and why, so that the data can be fixed at its source.</summary>
public sealed record SkippedRow(string File, long Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
