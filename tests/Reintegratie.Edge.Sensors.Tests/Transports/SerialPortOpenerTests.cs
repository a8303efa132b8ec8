using System.Text;
using Reintegratie.Edge.Sensors.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.Transports;

public sealed class SerialPortOpenerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(SerialDriver.Tty)]
    [InlineData(SerialDriver.SystemIoPorts)]
    public async Task Open_EitherDriverOnAPty_CarriesBytesBothWays(SerialDriver driver)
    {
        using var pty = PtyPair.Open();
        await using var port = SerialPortOpener.Open(pty.SlavePath, 115200, driver);

        await pty.WriteLineAsync("RID,1", CancellationToken.None);
        var buffer = new byte[16];
        var total = 0;
        while (total < 7)
        {
            var n = await port.ReadAsync(buffer.AsMemory(total), CancellationToken.None).AsTask().WaitAsync(s_timeout);
            Assert.True(n > 0, "stream ended early");
            total += n;
        }

        Assert.Equal("RID,1\r\n", Encoding.ASCII.GetString(buffer, 0, total));

        port.Write("AT\r\n"u8);
        port.Flush();
        var echo = new byte[4];
        var got = 0;
        while (got < echo.Length)
        {
            got += await pty.Master.ReadAsync(echo.AsMemory(got), CancellationToken.None).AsTask().WaitAsync(s_timeout);
        }

        Assert.Equal("AT\r\n", Encoding.ASCII.GetString(echo));
    }

    [Theory]
    [InlineData(SerialDriver.Tty)]
    [InlineData(SerialDriver.SystemIoPorts)]
    public void Open_MissingDevice_FileNotFoundNamingThePath(SerialDriver driver)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ttyNone{Environment.ProcessId}");

        var ex = Assert.Throws<FileNotFoundException>(() => SerialPortOpener.Open(path, 9600, driver));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
