using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// The controller's answer to LE Read Local Supported Features [Core 5.3, Vol 4, Part E, 7.8.3]: a Command Complete event
/// (0x0E) with Status and the 8-byte LE_Features bit mask [Vol 6, Part B, 4.6]. Bluetooth 5 Long Range Remote ID needs
/// both LE Coded PHY (bit 11) and LE Extended Advertising (bit 12): the ASTM F3411 Long Range advert is an extended
/// advertisement on the Coded PHY, which only extended scanning reports.
/// </summary>
public static class HciLeFeatures
{
    /// <summary>HCI_LE_Read_Local_Supported_Features: OGF 0x08, OCF 0x0003.</summary>
    public const ushort ReadLocalSupportedFeatures = (0x08 << 10) | 0x0003;

    /// <summary>LE Coded PHY [Vol 6, Part B, 4.6, bit 11].</summary>
    public const ulong CodedPhy = 1UL << 11;

    /// <summary>LE Extended Advertising [Vol 6, Part B, 4.6, bit 12].</summary>
    public const ulong ExtendedAdvertising = 1UL << 12;

    /// <summary>True when the features let the controller hear Long Range (Coded PHY and extended advertising).</summary>
    public static bool HearsLongRange(ulong features) => (features & (CodedPhy | ExtendedAdvertising)) == (CodedPhy | ExtendedAdvertising);

    /// <summary>
    /// Reads an H4 event: true with <paramref name="status"/> and <paramref name="features"/> when it is the reply to
    /// LE Read Local Supported Features (Command Complete, or Command Status when the controller refused the command);
    /// false for any other packet, which the caller skips.
    /// </summary>
    public static bool TryReadReply(ReadOnlySpan<byte> h4, out byte status, out ulong features)
    {
        status = 0;
        features = 0;
        if (h4.Length < 4 || h4[0] != 0x04 || h4[2] > h4.Length - 3)
        {
            return false;
        }

        var p = h4.Slice(3, h4[2]);
        switch (h4[1])
        {
            case 0x0E when p.Length >= 4 && BinaryPrimitives.ReadUInt16LittleEndian(p[1..]) == ReadLocalSupportedFeatures:
                // Num_HCI_Command_Packets, Command_Opcode, Status, LE_Features [7.7.14]
                status = p[3];
                if (status == 0)
                {
                    if (p.Length < 12)
                    {
                        status = 0xFF; // a success without the features: treat as unknown
                        return true;
                    }

                    features = BinaryPrimitives.ReadUInt64LittleEndian(p[4..]);
                }

                return true;
            case 0x0F when p.Length >= 4 && BinaryPrimitives.ReadUInt16LittleEndian(p[2..]) == ReadLocalSupportedFeatures:
                // Status, Num_HCI_Command_Packets, Command_Opcode [7.7.15]: a Command Status answers a refused command
                status = p[0] == 0 ? (byte)0xFF : p[0];
                return true;
            default:
                return false;
        }
    }
}
