using System.Buffers;
using System.Text;
using System.Text.Json;
using CareerGraph.Api.Execution;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A compiled plan copies the bytes of a double written before (<see cref="WrittenDoubles"/>) instead of asking the
/// JSON writer again: they must be the writer's own bytes for every finite double, the first time and every time after,
/// also when two values share a slot.
/// </summary>
public sealed class WrittenDoublesTests
{
    [Fact]
    public void Every_finite_double_is_written_as_the_json_writer_writes_it_first_and_every_time_after()
    {
        var random = new Random(20261207);
        var values = new List<double>
        {
            0, -0.0, 1, -1, 0.1, 0.85, 0.9, 1e-300, -1e300, double.Epsilon, double.MaxValue, double.MinValue, 1.0 / 3, 123456789.125,
        };
        for (var i = 0; i < 20_000; i++)
        {
            values.Add(random.Next(0, 10_001) / 10_000.0); // importances and weights: a few decimals
            values.Add(BitConverter.Int64BitsToDouble(random.NextInt64()) is var any && double.IsFinite(any) ? any : random.NextDouble());
        }
        foreach (var round in new[] { "first", "again" })
            foreach (var value in values)
                Assert.True(WrittenDoubles.Utf8(value).SequenceEqual(AsTheWriterWrites(value)),
                    $"{value:R} ({round}): {Encoding.UTF8.GetString(WrittenDoubles.Utf8(value))} against {Encoding.UTF8.GetString(AsTheWriterWrites(value))}");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_double_json_cannot_hold_is_refused(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WrittenDoubles.Utf8(value).ToArray());

    private static byte[] AsTheWriterWrites(double value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) writer.WriteNumberValue(value);
        return buffer.WrittenSpan.ToArray();
    }
}
