namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>Puts a monitor-mode Wi-Fi interface on a channel (the hardware edge of <see cref="ChannelHopper"/>).</summary>
public interface IChannelTuner
{
    /// <summary>Tunes <paramref name="interfaceName"/> to <paramref name="channel"/>; throws <see cref="IOException"/> when it cannot.</summary>
    Task TuneAsync(string interfaceName, int channel, CancellationToken cancellationToken);
}
