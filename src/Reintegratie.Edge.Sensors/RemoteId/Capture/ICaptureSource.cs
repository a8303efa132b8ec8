namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>Where captured packets come from: a capture file or a live interface. Read on one task; the owner disposes it.</summary>
public interface ICaptureSource : IDisposable
{
    /// <summary>True when packet times should pace the replay (a file); false when packets arrive in real time (live).</summary>
    bool IsReplay { get; }

    /// <summary>
    /// Reads the next packet into <paramref name="buffer"/>; false at the end of a file. Returns the bytes written, the
    /// link type and the capture time. A packet longer than the buffer is cut to it.
    /// </summary>
    bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp);
}
