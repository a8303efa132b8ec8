using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// The gateway's end of the relay: a unix socket (mode 0600, under <c>/run/reintegratie-edge</c>) on which the capture
/// unit of one interface connects. A peer whose SO_PEERCRED uid is not the capture unit's is refused
/// (<c>unauthenticated_link</c>); a second connection while the capture unit's is live is refused too
/// (<c>duplicate_link</c>); each refusal is counted, logged and journaled as a <c>sensor_fault</c> on the sensor
/// (<see cref="LinkAlarm"/>, at most one per reason per 10 s), which never changes the sensor's own health.
/// Bound at first use; disposing closes the socket and removes its file.
/// </summary>
public sealed partial class CaptureRelayListener : IDisposable
{
    private readonly uint _allowedUid;
    private readonly int _sensorIndex;
    private readonly LinkAlarm _alarm;
    private readonly ILogger _logger;
    private readonly string _name;
    private Socket? _socket;
    private long _refused;

    /// <summary>Creates the listener of <paramref name="path"/> for the peer uid <paramref name="allowedUid"/>.</summary>
    public CaptureRelayListener(string path, uint allowedUid, int sensorIndex, string name, LinkAlarm alarm, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(logger);
        Path = path;
        _allowedUid = allowedUid;
        _sensorIndex = sensorIndex;
        _name = name;
        _alarm = alarm;
        _logger = logger;
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Connections refused (wrong uid, duplicate) or dropped (malformed frame).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the capture unit; refuses every other peer that comes meanwhile.
    /// Returns the connection, or null when the capture unit did not come.
    /// </summary>
    public Socket? Accept(TimeSpan wait)
    {
        var listening = Listening();
        if (!listening.Poll(wait, SelectMode.SelectRead))
        {
            return null;
        }

        var peer = listening.Accept();
        var uid = CaptureRelayPeer.Uid(peer);
        if (uid == _allowedUid)
        {
            LogConnected(_logger, _name, Path, uid);
            return peer;
        }

        Refuse(peer, "unauthenticated_link", $"uid {uid}, expected {_allowedUid}");
        return null;
    }

    /// <summary>While the capture unit is connected: refuses every connection waiting (none is served beside it).</summary>
    public void RefuseWaiting()
    {
        var listening = Listening();
        while (listening.Poll(TimeSpan.Zero, SelectMode.SelectRead))
        {
            var peer = listening.Accept();
            var uid = CaptureRelayPeer.Uid(peer);
            Refuse(peer, uid == _allowedUid ? "duplicate_link" : "unauthenticated_link", $"uid {uid} while the capture unit is connected");
        }
    }

    /// <summary>Drops the capture connection after a frame that is not one (the stream is out of step); journaled.</summary>
    public void Drop(Socket peer, string reason, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(peer);
        LogMalformed(_logger, _name, reason, Convert.ToHexString(bytes[..Math.Min(bytes.Length, Transports.MalformedFrameReporter.MaxHexBytes)]));
        Refuse(peer, "malformed_capture_frame", reason);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_socket is null)
        {
            return;
        }

        _socket.Dispose();
        _socket = null;
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Gone already; the next start replaces it anyway.
        }
    }

    private Socket Listening()
    {
        if (_socket is not null)
        {
            return _socket;
        }

        // A file left by a gateway that was killed would make bind fail with EADDRINUSE: the path is ours, replace it.
        File.Delete(Path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(Path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // only our uid may connect at all
            }

            socket.Listen(16);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot listen on {Path}: {ex.Message}", ex);
        }

        _socket = socket;
        return socket;
    }

    private void Refuse(Socket peer, string reason, string detail)
    {
        Interlocked.Increment(ref _refused); // exact count, read by tests
        peer.Dispose();
        LogRefused(_logger, _name, reason, detail);
        _alarm.Raise(_sensorIndex, reason, null);
    }

    [LoggerMessage(EventId = 1706, Level = LogLevel.Information, Message = "{Name}: capture unit connected on {Path} (uid {Uid})")]
    private static partial void LogConnected(ILogger logger, string name, string path, uint uid);

    [LoggerMessage(EventId = 1707, Level = LogLevel.Warning, Message = "{Name}: capture relay connection refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string name, string reason, string detail);

    [LoggerMessage(EventId = 1708, Level = LogLevel.Warning, Message = "{Name}: malformed capture relay frame ({Reason}): {Hex}")]
    private static partial void LogMalformed(ILogger logger, string name, string reason, string hex);
}
