using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareerGraph.Api.Execution;

/// <summary>
/// The data of an answer a plan computed, already written as JSON, in <c>ExecutionResult.Data</c>: GraphQL.NET's
/// serialiser writes the envelope (<c>{"data":…}</c>) and copies these bytes in as the value of <c>data</c>.
/// Written with the same writer settings as that serialiser (no indentation, the default encoder), so the bytes
/// are the ones it would have written from the general executor's result.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class CompiledAnswer
{
    private readonly ArrayBufferWriter<byte> _json;

    private CompiledAnswer(ArrayBufferWriter<byte> json) => _json = json;

    public ReadOnlyMemory<byte> Json => _json.WrittenMemory;

    public static CompiledAnswer Write(ObjectValue data)
    {
        // Sized by the last answer of the same selection, so that a buffer is seldom grown (and copied) while writing.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, data.Plan.LastAnswerLength + data.Plan.LastAnswerLength / 8));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true })) WriteValue(writer, data);
        data.Plan.LastAnswerLength = buffer.WrittenCount;
        return new CompiledAnswer(buffer);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case double number when double.IsFinite(number): writer.WriteRawValue(WrittenDoubles.Utf8(number), skipInputValidation: true); break;
            case double number: writer.WriteNumberValue(number); break; // refused, as the general executor's writer refuses it
            case decimal number: writer.WriteNumberValue(number); break;
            case ObjectValue item:
                writer.WriteStartObject();
                var fields = item.Plan.Fields;
                for (var i = 0; i < fields.Length; i++)
                {
                    writer.WritePropertyName(fields[i].Key);
                    WriteValue(writer, item.Values[i]);
                }
                writer.WriteEndObject();
                break;
            case ListValue list:
                writer.WriteStartArray();
                foreach (var element in list.Items) WriteValue(writer, element);
                writer.WriteEndArray();
                break;
            default:
                throw new PlanNotApplicable($"writing a {value.GetType()}");
        }
    }

    private sealed class Converter : JsonConverter<CompiledAnswer>
    {
        public override CompiledAnswer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A compiled answer is only written.");

        public override void Write(Utf8JsonWriter writer, CompiledAnswer value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
    }
}
