using System.Net.Sockets;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// A live capture read from the capture unit over <see cref="CaptureRelayListener"/>: the gateway itself holds no capture
/// privilege. Fails (a <see cref="CaptureUnitGoneException"/>, so the adapter faults the sensor, <c>capture_unit_gone</c>,
/// and opens a new one with backoff) when the capture unit does not connect within the grace time or goes away; a
/// malformed frame drops the connection (journaled) and waits for the capture unit to come back.
/// </summary>
public sealed class RelayCaptureSource : ICaptureSource
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_frameTimeout = TimeSpan.FromSeconds(2);
    private readonly CaptureRelayListener _listener;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly byte[] _header = new byte[CaptureRelayFrame.HeaderLength];
    private long _waitingSince;
    private Socket? _peer;

    /// <summary>Waits on <paramref name="listener"/> for the capture unit, at most <paramref name="grace"/> at a time.</summary>
    public RelayCaptureSource(CaptureRelayListener listener, TimeSpan grace, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(time);
        _listener = listener;
        _grace = grace;
        _time = time;
        _waitingSince = time.GetTimestamp();
    }

    /// <inheritdoc />
    public bool IsReplay => false;

    /// <summary>True while the capture unit is connected.</summary>
    public bool Connected => _peer is not null;

    /// <inheritdoc />
    public bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        length = 0;
        linkType = 0;
        timestamp = default;
        if (_peer is null)
        {
            _peer = _listener.Accept(s_poll);
            if (_peer is null && _time.GetElapsedTime(_waitingSince) > _grace)
            {
                throw new CaptureUnitGoneException($"no capture unit connected on {_listener.Path} for {_grace.TotalSeconds:0} s");
            }

            if (_peer is not null)
            {
                _peer.ReceiveTimeout = (int)s_frameTimeout.TotalMilliseconds; // a frame, once begun, arrives whole
            }

            return false;
        }

        _listener.RefuseWaiting();
        if (!Poll(_peer))
        {
            return false;
        }

        var got = Receive(_peer, _header);
        if (got == 0)
        {
            Close();
            throw new CaptureUnitGoneException($"the capture unit closed {_listener.Path}");
        }

        if (got < _header.Length)
        {
            return Drop($"header cut short after {got} bytes", _header.AsSpan(0, got));
        }

        if (!CaptureRelayFrame.TryReadHeader(_header, out linkType, out var dataLength, out timestamp, out var reason))
        {
            return Drop(reason!, _header);
        }

        var data = buffer.AsSpan(0, Math.Min(dataLength, buffer.Length));
        got = Receive(_peer, data);
        if (got < data.Length)
        {
            return Drop($"data cut short: {got} of {dataLength} bytes", _header);
        }

        Skip(_peer, dataLength - data.Length); // a packet longer than the buffer is cut to it
        length = data.Length;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    private static bool Poll(Socket peer)
    {
        try
        {
            return peer.Poll(s_poll, SelectMode.SelectRead);
        }
        catch (SocketException ex)
        {
            throw new IOException($"capture relay poll failed: {ex.Message}", ex);
        }
    }

    /// <summary>Reads until <paramref name="into"/> is full, the peer closes or the frame timeout passes; returns bytes read.</summary>
    private static int Receive(Socket peer, Span<byte> into)
    {
        var got = 0;
        try
        {
            while (got < into.Length)
            {
                var n = peer.Receive(into[got..]);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }
        }
        catch (SocketException)
        {
            // Timed out or reset inside a frame: the caller treats the frame as cut short.
        }

        return got;
    }

    private static void Skip(Socket peer, int count)
    {
        Span<byte> sink = stackalloc byte[512];
        while (count > 0 && Receive(peer, sink[..Math.Min(count, sink.Length)]) is var n and > 0)
        {
            count -= n;
        }
    }

    private bool Drop(string reason, ReadOnlySpan<byte> bytes)
    {
        _listener.Drop(_peer!, reason, bytes);
        _peer = null;
        _waitingSince = _time.GetTimestamp(); // the capture unit reconnects: a fresh grace time
        return false;
    }

    private void Close()
    {
        _peer?.Dispose();
        _peer = null;
    }
}
