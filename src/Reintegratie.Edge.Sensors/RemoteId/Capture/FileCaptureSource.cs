namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>A pcap or pcapng file as a capture source (test rigs, analysts replaying an incident).</summary>
public sealed class FileCaptureSource : ICaptureSource
{
    private readonly FileStream _file;
    private readonly CaptureFileReader _reader;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="CaptureFormatException"/> or <see cref="IOException"/>.</summary>
    public FileCaptureSource(string path)
    {
        _file = File.OpenRead(path);
        try
        {
            _reader = new CaptureFileReader(_file);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public bool IsReplay => true;

    /// <inheritdoc />
    public bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        length = 0;
        linkType = 0;
        timestamp = default;
        if (!_reader.TryRead(out var packet))
        {
            return false;
        }

        length = Math.Min(packet.Data.Length, buffer.Length);
        packet.Data[..length].CopyTo(buffer);
        linkType = packet.LinkType;
        timestamp = packet.Timestamp;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
