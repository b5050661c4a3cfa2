namespace CareerGraph.Embedded;

/// <summary>The graph in a database file could not be loaded (a store opened to load it in the background): nothing can be answered from it.</summary>
public sealed class GraphLoadException(string path, Exception reason)
    : Exception($"The graph in {path} cannot be loaded: {reason.Message}", reason);
