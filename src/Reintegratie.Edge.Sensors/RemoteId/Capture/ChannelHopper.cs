using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Moves a monitor-mode interface round its channels (default 6 and 149: Remote ID Beacons and NAN are sent on
/// 2.4 GHz channel 6 and 5 GHz channel 149), staying <c>Dwell</c> on each. One channel: set once, no hopping. A
/// failed tune is logged and counted, never fatal: the capture goes on on whatever channel the interface is on.
/// </summary>
public sealed partial class ChannelHopper
{
    private readonly string _interface;
    private readonly IReadOnlyList<int> _channels;
    private readonly TimeSpan _dwell;
    private readonly IChannelTuner _tuner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the hopper; nothing runs until <see cref="RunAsync"/>.</summary>
    public ChannelHopper(string interfaceName, IReadOnlyList<int> channels, TimeSpan dwell, IChannelTuner tuner, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _interface = interfaceName;
        _channels = channels;
        _dwell = dwell;
        _tuner = tuner;
        _time = time;
        _logger = logger;
    }

    /// <summary>The channel tuned last (0 before the first).</summary>
    public int Current { get; private set; }

    /// <summary>Successful tunes.</summary>
    public long Tunes { get; private set; }

    /// <summary>Failed tunes.</summary>
    public long Failures { get; private set; }

    /// <summary>Tunes round the channels until cancelled (returns after the one tune of a single channel).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; _channels.Count > 0; i = (i + 1) % _channels.Count)
        {
            var channel = _channels[i];
            // The dwell starts with the tune, so a slow tune does not stretch the hop period.
            var dwell = _channels.Count > 1 ? Task.Delay(_dwell, _time, cancellationToken) : Task.CompletedTask;
            try
            {
                await _tuner.TuneAsync(_interface, channel, cancellationToken).ConfigureAwait(false);
                Current = channel;
                Tunes++;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                Failures++;
                if (Failures == 1 || Failures % 1000 == 0)
                {
                    LogTuneFailed(_logger, _interface, channel, Failures, ex.Message);
                }
            }

            if (_channels.Count == 1)
            {
                return;
            }

            await dwell.ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "{Interface}: cannot tune to channel {Channel} ({Failures} failures so far): {Reason}")]
    private static partial void LogTuneFailed(ILogger logger, string @interface, int channel, long failures, string reason);
}
