using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// What a MAVLink Open Drone ID receiver (BlueMark DroneScout Bridge and similar) sends: HEARTBEAT once a second and an
/// OPEN_DRONE_ID_MESSAGE_PACK per aircraft broadcast, with the sender's MAC in <c>id_or_mac</c> [mavlink.io common.xml;
/// the gateway's side is <see cref="MavlinkOdidDecoder"/>].
/// </summary>
public static class RemoteIdMavlinkFrames
{
    private const byte SystemId = 1;
    private const byte ComponentId = 236; // MAV_COMP_ID_ODID_TXRX_1
    private const int PackPayloadSize = 249;

    /// <summary>HEARTBEAT: MAV_TYPE_ODID (34), MAV_AUTOPILOT_INVALID (8), MAV_STATE_ACTIVE (4), MAVLink version 3.</summary>
    public static byte[] Heartbeat(byte sequence)
    {
        // custom_mode (uint32) first: MAVLink orders fields by size [serialization, field reordering].
        ReadOnlySpan<byte> payload = [0, 0, 0, 0, 34, 8, 0, 4, 3];
        return Frame(MavlinkMessageInfo.Heartbeat, payload, sequence);
    }

    /// <summary>OPEN_DRONE_ID_MESSAGE_PACK of <paramref name="messages"/> (1..9 x 25 bytes) heard from <paramref name="mac"/>.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> messages, ulong mac, byte sequence)
    {
        var count = messages.Length / OdidFrame.MessageSize;
        if (count is < 1 or > OdidFrame.MaxPackMessages || messages.Length % OdidFrame.MessageSize != 0)
        {
            throw new ArgumentException($"Expected 1..9 messages of 25 bytes but got {messages.Length} bytes", nameof(messages));
        }

        Span<byte> payload = stackalloc byte[PackPayloadSize];
        payload.Clear(); // target_system, target_component: 0 (broadcast)
        for (var i = 0; i < 6; i++)
        {
            payload[2 + i] = (byte)(mac >> (8 * (5 - i))); // id_or_mac: the MAC, first octet first, the rest zero
        }

        payload[22] = OdidFrame.MessageSize;
        payload[23] = (byte)count;
        messages.CopyTo(payload[24..]);
        return Frame(MavlinkMessageInfo.OpenDroneIdMessagePack, payload, sequence);
    }

    private static byte[] Frame(uint messageId, ReadOnlySpan<byte> payload, byte sequence)
    {
        Span<byte> frame = stackalloc byte[280]; // 10 header + 255 payload + 2 CRC, unsigned
        var length = MavlinkFrameWriter.Write(frame, messageId, payload, sequence, SystemId, ComponentId);
        return frame[..length].ToArray();
    }
}
