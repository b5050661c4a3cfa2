using System.Text.Json;
using System.Text.Json.Serialization;
using CareerGraph.Model;

namespace CareerGraph.Embedded;

/// <summary>
/// How node properties are stored as JSON: web defaults (camelCase), with serializers generated at build time,
/// so that loading a large graph at start-up spends no time on reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Career))]
[JsonSerializable(typeof(Skill))]
[JsonSerializable(typeof(Industry))]
internal sealed partial class NodeJson : JsonSerializerContext;
