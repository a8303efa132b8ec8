using System.Text;
using Reintegratie.Edge.Sensors.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.Transports;

public sealed class TtyStreamTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("tty-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_MissingDevice_ThrowsFileNotFound()
    {
        var path = Path.Combine(_dir, "ttyUSB9");

        var ex = Assert.Throws<FileNotFoundException>(() => TtyStream.Open(path, 115200));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RegularFile_ThrowsIOExceptionSayingNotATty()
    {
        var path = Path.Combine(_dir, "plain");
        File.WriteAllText(path, "x");

        var ex = Assert.Throws<IOException>(() => TtyStream.Open(path, 115200));

        Assert.Contains("not a serial device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NonStandardBaud_OpensThroughTermios2AndCarriesBytes()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 250000); // no B250000 constant: BOTHER

        await pty.WriteLineAsync("OK", CancellationToken.None);

        var buffer = new byte[16];
        Assert.Equal("OK\r\n", Encoding.ASCII.GetString(buffer, 0, await ReadAtLeast(tty, buffer, 4)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-9600)]
    [InlineData(5_000_000)]
    public void Open_BaudOutOfRange_ThrowsNamingIt(int baud)
    {
        using var pty = PtyPair.Open();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TtyStream.Open(pty.SlavePath, baud));

        Assert.Equal("baud", ex.ParamName);
    }

    [Fact]
    public async Task ReadAsync_BytesAlreadyWaiting_ReturnsThemAtOnce()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 115200);
        await pty.WriteLineAsync("$PRFDT,1", CancellationToken.None);
        var buffer = new byte[64];

        var n = await ReadAtLeast(tty, buffer, 10);

        Assert.Equal("$PRFDT,1\r\n", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task ReadAsync_BytesArriveWhileParked_CompletesWithThem()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 38400);
        var buffer = new byte[64];
        var read = tty.ReadAsync(buffer.AsMemory(), CancellationToken.None);
        Assert.False(read.IsCompleted); // nothing written yet: the read parks on the poll thread

        await pty.WriteLineAsync("AB", CancellationToken.None);
        var n = await read.AsTask().WaitAsync(s_timeout);

        Assert.InRange(n, 1, 4);
        Assert.Equal((byte)'A', buffer[0]);
    }

    [Fact]
    public async Task ReadAsync_MasterClosed_EndsTheStream()
    {
        var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 115200);
        var read = tty.ReadAsync(new byte[16].AsMemory(), CancellationToken.None);

        pty.Dispose(); // the cable is pulled

        Assert.Equal(0, await read.AsTask().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileParked_ThrowsAndTheNextReadStillWorks()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 115200);
        using var cts = new CancellationTokenSource();
        var read = tty.ReadAsync(new byte[16].AsMemory(), cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask().WaitAsync(s_timeout));
        await pty.WriteLineAsync("Z", CancellationToken.None);
        var buffer = new byte[16];
        Assert.True(await ReadAtLeast(tty, buffer, 1) >= 1);
        Assert.Equal((byte)'Z', buffer[0]);
    }

    [Fact]
    public async Task Dispose_WhileAReadIsParked_EndsTheRead()
    {
        using var pty = PtyPair.Open();
        var tty = TtyStream.Open(pty.SlavePath, 115200);
        var read = tty.ReadAsync(new byte[16].AsMemory(), CancellationToken.None);

        tty.Dispose();

        Assert.Equal(0, await read.AsTask().WaitAsync(s_timeout));
        Assert.Throws<ObjectDisposedException>(() => tty.ReadAsync(new byte[16].AsMemory(), CancellationToken.None));
    }

    [Fact]
    public async Task Write_Bytes_ArriveOnTheMaster()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 115200);

        tty.Write("AT\r\n"u8);

        var buffer = new byte[16];
        var n = await pty.Master.ReadAsync(buffer.AsMemory()).AsTask().WaitAsync(s_timeout);
        Assert.Equal("AT\r\n", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task ReadAsync_ManyLinesBackToBack_DeliversEveryByteInOrder()
    {
        using var pty = PtyPair.Open();
        using var tty = TtyStream.Open(pty.SlavePath, 115200);
        var expected = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            expected.Append(i).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(expected.ToString());
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < bytes.Length; i += 100)
            {
                await pty.Master.WriteAsync(bytes.AsMemory(i, Math.Min(100, bytes.Length - i)));
            }
        });
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (received.Length < bytes.Length)
        {
            var n = await tty.ReadAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(s_timeout);
            Assert.True(n > 0);
            received.Write(buffer, 0, n);
        }

        await writer.WaitAsync(s_timeout);
        Assert.Equal(bytes, received.ToArray());
    }

    private static async Task<int> ReadAtLeast(Stream stream, byte[] buffer, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), CancellationToken.None).AsTask().WaitAsync(s_timeout);
            Assert.True(n > 0, "stream ended early");
            total += n;
        }

        return total;
    }
}
