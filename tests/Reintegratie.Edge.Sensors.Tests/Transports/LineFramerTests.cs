using System.Text;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Tests.Transports;

public class LineFramerTests
{
    [Fact]
    public async Task PumpAsync_MixedTerminatorsAndSplitChunks_DeliversEachLineOnce()
    {
        var handler = new Recorder();
        var framer = new LineFramer(handler, maxLineBytes: 16, readBufferBytes: 3);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("one\r\ntwo\nthree\r\r\n\nfour"));

        await framer.PumpAsync(stream, CancellationToken.None);

        Assert.Equal(new[] { "one", "two", "three" }, handler.Lines);
    }

    [Fact]
    public void Feed_OverlongLine_ReportedOnceAndNextLineStillDelivered()
    {
        var handler = new Recorder();
        var framer = new LineFramer(handler, maxLineBytes: 8);

        framer.Feed(Encoding.ASCII.GetBytes("0123456789"));
        framer.Feed(Encoding.ASCII.GetBytes("abcdef\r\nok\r\n"));

        Assert.Equal(new[] { "ok" }, handler.Lines);
        Assert.Equal(new[] { 16L }, handler.Overlong);
    }

    [Fact]
    public void Feed_LineExactlyAtLimit_Delivered()
    {
        var handler = new Recorder();
        var framer = new LineFramer(handler, maxLineBytes: 4);

        framer.Feed("abcd\n"u8);

        Assert.Equal(new[] { "abcd" }, handler.Lines);
        Assert.Empty(handler.Overlong);
    }

    private sealed class Recorder : ILineHandler
    {
        public List<string> Lines { get; } = [];

        public List<long> Overlong { get; } = [];

        public void OnLine(ReadOnlySpan<byte> line) => Lines.Add(Encoding.ASCII.GetString(line));

        public void OnOverlongLine(ReadOnlySpan<byte> start, long length) => Overlong.Add(length);
    }
}
