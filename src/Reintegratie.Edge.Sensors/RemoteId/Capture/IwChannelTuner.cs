using System.ComponentModel;
using System.Diagnostics;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Tunes by running <c>iw dev IF set channel N</c> (Debian's <c>iw</c> package; nl80211 underneath). The kernel
/// allows a channel change only with CAP_NET_ADMIN, which <c>iw</c> inherits from the unit as an ambient capability.
/// One short process per hop: at the default 250 ms dwell that is four a second, a few ms of CPU each on a Pi 4.
/// </summary>
public sealed class IwChannelTuner : IChannelTuner
{
    private readonly string _iw;

    /// <summary>Uses <paramref name="iwPath"/> (default <c>/usr/sbin/iw</c>).</summary>
    public IwChannelTuner(string iwPath = "/usr/sbin/iw") => _iw = iwPath;

    /// <inheritdoc />
    public async Task TuneAsync(string interfaceName, int channel, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_iw, ["dev", interfaceName, "set", "channel", channel.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start) ?? throw new IOException($"{_iw} did not start");
            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                // e.g. "command failed: Operation not permitted (-1)" without CAP_NET_ADMIN, "Invalid argument" for a
                // channel the adapter or the regulatory domain does not allow.
                throw new IOException($"iw dev {interfaceName} set channel {channel} exited {process.ExitCode}: {error.Trim()}");
            }
        }
        catch (Win32Exception ex)
        {
            throw new IOException($"cannot run {_iw}: {ex.Message} (install the iw package)", ex);
        }
    }
}
