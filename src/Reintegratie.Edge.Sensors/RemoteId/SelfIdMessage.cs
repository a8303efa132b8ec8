using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>A decoded Self-ID message (F3411-22 5.4.5.10).</summary>
public struct SelfIdMessage
{
    /// <summary>Header protocol version.</summary>
    public byte ProtocolVersion;

    /// <summary>Description type: 0 text, 1 emergency, 2 extended status, 201..255 private.</summary>
    public byte DescType;

    /// <summary>Description, ASCII up to the first NUL (at most 23 bytes).</summary>
    public FixedAscii32 Description;
}
