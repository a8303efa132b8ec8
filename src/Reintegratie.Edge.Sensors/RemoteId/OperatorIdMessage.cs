using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>A decoded Operator ID message (F3411-22 5.4.5.12).</summary>
public struct OperatorIdMessage
{
    /// <summary>Header protocol version.</summary>
    public byte ProtocolVersion;

    /// <summary>Operator id type: 0 operator id, 1..200 reserved, 201..255 private.</summary>
    public byte OperatorIdType;

    /// <summary>Operator id, ASCII up to the first NUL (at most 20 bytes).</summary>
    public FixedAscii32 OperatorId;
}
