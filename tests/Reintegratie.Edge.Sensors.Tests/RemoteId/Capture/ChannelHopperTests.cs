using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

public class ChannelHopperTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_TwoChannels_AlternatesOncePerDwell()
    {
        var tuner = new RecordingTuner();
        var hopper = new ChannelHopper("wlan1", [6, 149], TimeSpan.FromMilliseconds(250), tuner, _time, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var run = hopper.RunAsync(cts.Token);

        await TestSite.WaitUntil(() => tuner.Count == 1, "first tune");
        for (var i = 2; i <= 5; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await TestSite.WaitUntil(() => tuner.Count == i, $"tune {i}");
        }

        Assert.Equal([6, 149, 6, 149, 6], tuner.Channels);
        Assert.Equal(6, hopper.Current);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_OneChannel_SetOnceAndDone()
    {
        var tuner = new RecordingTuner();
        var hopper = new ChannelHopper("wlan1", [149], TimeSpan.FromMilliseconds(250), tuner, _time, NullLogger.Instance);

        await hopper.RunAsync(CancellationToken.None);

        Assert.Equal([149], tuner.Channels);
    }

    [Fact]
    public async Task RunAsync_TuneFails_CountedAndHoppingGoesOn()
    {
        var tuner = new RecordingTuner { Fail = 149 };
        var hopper = new ChannelHopper("wlan1", [6, 149], TimeSpan.FromMilliseconds(250), tuner, _time, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var run = hopper.RunAsync(cts.Token);

        await TestSite.WaitUntil(() => tuner.Count == 1, "first tune");
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await TestSite.WaitUntil(() => tuner.Count == 2, "second tune");
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await TestSite.WaitUntil(() => tuner.Count == 3, "third tune");

        Assert.Equal(1, hopper.Failures);
        Assert.Equal(2, hopper.Tunes);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task IwChannelTuner_MissingIw_IOExceptionNamingIt()
    {
        var tuner = new IwChannelTuner("/nonexistent/iw");

        var ex = await Assert.ThrowsAsync<IOException>(() => tuner.TuneAsync("wlan1", 6, CancellationToken.None));

        Assert.Contains("/nonexistent/iw", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingTuner : IChannelTuner
    {
        private readonly List<int> _channels = [];

        public int? Fail { get; init; }

        public int Count
        {
            get
            {
                lock (_channels)
                {
                    return _channels.Count;
                }
            }
        }

        public List<int> Channels
        {
            get
            {
                lock (_channels)
                {
                    return [.. _channels];
                }
            }
        }

        public Task TuneAsync(string interfaceName, int channel, CancellationToken cancellationToken)
        {
            lock (_channels)
            {
                _channels.Add(channel);
            }

            return channel == Fail ? Task.FromException(new IOException("command failed: Invalid argument (-22)")) : Task.CompletedTask;
        }
    }
}
