namespace CareerGraph.Interchange.Onet;

/// <summary>The O*NET folder cannot be read at all: a file is missing, unreadable or not in the expected format.</summary>
public sealed class OnetDataException(string message, Exception? inner = null) : Exception(message, inner);
