using System.Globalization;
using System.Xml;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Formats;

/// <summary>
/// GraphML for Gephi and yEd: every attribute is declared as a key; a node carries its kind and its name (also as
/// "label", which Gephi shows), an edge its type (also as "label") and weights. Lists are joined into one string.
/// </summary>
internal static class GraphMLDocument
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private sealed record Key(string Id, string For, string Name, string Type);

    private static readonly Key[] NodeKeys =
    [
        new("kind", "node", "kind", "string"),
        new("label", "node", "label", "string"),
        new("name", "node", "name", "string"),
        new("description", "node", "description", "string"),
        new("duties", "node", "duties", "string"),
        new("categories", "node", "categories", "string"),
        new("socCode", "node", "socCode", "string"),
        new("jobZone", "node", "jobZone", "int"),
        new("category", "node", "category", "string"),
        new("hot", "node", "hot", "boolean"),
        new("source", "node", "source", "string"),
        new("aliases", "node", "aliases", "string"),
    ];

    private static readonly Key[] EdgeKeys =
    [
        new("type", "edge", "type", "string"),
        new("edgeLabel", "edge", "label", "string"),
        new("importance", "edge", "importance", "double"),
        new("core", "edge", "core", "boolean"),
        new("weight", "edge", "weight", "double"),
        new("tier", "edge", "tier", "int"),
        new("reason", "edge", "reason", "string"),
    ];

    /// <summary>How list values (duties, categories, aliases) are joined into one attribute.</summary>
    public const string ListSeparator = " | ";

    public static void Write(GraphDocument document, Stream stream)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        xml.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        foreach (var key in NodeKeys.Concat(EdgeKeys))
        {
            xml.WriteStartElement("key", Namespace);
            xml.WriteAttributeString("id", key.Id);
            xml.WriteAttributeString("for", key.For);
            xml.WriteAttributeString("attr.name", key.Name);
            xml.WriteAttributeString("attr.type", key.Type);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "careergraph");
        xml.WriteAttributeString("edgedefault", "directed");
        var aliases = document.Aliases.ToLookup(a => a.TargetId, a => a.Name);
        foreach (var node in document.Nodes)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", node.Id);
            Data(xml, "kind", node.Kind.ToString());
            Data(xml, "label", node.Name);
            foreach (var (name, value) in ModelProperties.Of(node).Where(p => p.Name != "id"))
                Data(xml, name, value);
            Data(xml, "aliases", aliases[node.Id].ToList());
            xml.WriteEndElement();
        }
        foreach (var edge in document.Edges)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", edge.Id);
            xml.WriteAttributeString("source", edge.Source);
            xml.WriteAttributeString("target", edge.Target);
            Data(xml, "type", edge.Kind.Code());
            Data(xml, "edgeLabel", edge.Kind.Code());
            foreach (var (name, value) in ModelProperties.Of(edge))
                Data(xml, name, value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Data(XmlWriter xml, string key, object? value)
    {
        if (!ModelProperties.HasValue(value)) return;
        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value switch
        {
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            IReadOnlyList<string> list => string.Join(ListSeparator, list),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        });
        xml.WriteEndElement();
    }
}
