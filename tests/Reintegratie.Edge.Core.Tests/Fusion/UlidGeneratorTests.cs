using CsCheck;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class UlidGeneratorTests
{
    [Fact]
    public void NewId_TimePart_EncodesEventMillisecondsPerUlidSpec()
    {
        var gen = new UlidGenerator();

        var id = gen.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385)); // the ULID spec's example time

        Assert.Equal(26, id.Length);
        Assert.StartsWith("01ARYZ6S41", id, StringComparison.Ordinal);
        Assert.Equal(1469918176385, UlidGenerator.TimeOf(id));
    }

    [Fact]
    public void NewId_SameSeedSameSequence_SameIds()
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var a = new UlidGenerator(42);
        var b = new UlidGenerator(42);

        var first = Enumerable.Range(0, 100).Select(i => a.NewId(at)).ToList();
        var second = Enumerable.Range(0, 100).Select(i => b.NewId(at)).ToList();

        Assert.Equal(first, second);
        Assert.Equal(100, first.Distinct().Count());
        Assert.NotEqual(first[0], new UlidGenerator(43).NewId(at));
    }

    [Fact]
    public void NewId_LaterTime_SortsLater()
    {
        var gen = new UlidGenerator();
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 50).Select(i => gen.NewId(at.AddMilliseconds(i))).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void CrockfordBase32_AnyValue_RoundTrips()
    {
        Gen.ULong.Select(Gen.ULong).Sample((hi, lo) =>
        {
            var v = new UInt128(hi >> 2, lo); // a ULID holds 128 bits; the first character carries 3 of them
            var text = CrockfordBase32.EncodeUlid(v);
            return CrockfordBase32.TryDecodeUlid(text, out var back) && back == v && text.All(c => "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Contains(c));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("01ARYZ6S41TSV4RRFFQ69G5FA")]
    [InlineData("01ARYZ6S41TSV4RRFFQ69G5FAU")]
    [InlineData("81ARYZ6S41TSV4RRFFQ69G5FAV")]
    [InlineData("01ARYZ6S41TSV4RRFFQ69G5FAé")]
    public void TryDecodeUlid_NotAUlid_False(string text)
    {
        Assert.False(CrockfordBase32.TryDecodeUlid(text, out _));
    }
}
