namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>The link-layer header types (tcpdump.org LINKTYPE_*) whose Remote ID traffic we decode.</summary>
public enum CaptureLinkType
{
    /// <summary>LINKTYPE_BLUETOOTH_HCI_H4_WITH_PHDR: HCI packets with a 4-byte direction header (tcpdump -i bluetooth0).</summary>
    BluetoothHciH4WithPhdr = 201,

    /// <summary>LINKTYPE_IEEE802_11: 802.11 frames without a radio header (no RSSI, no FCS).</summary>
    Ieee80211 = 105,

    /// <summary>LINKTYPE_IEEE802_11_RADIOTAP: 802.11 frames after a radiotap header (RSSI, FCS flags).</summary>
    Ieee80211Radiotap = 127,

    /// <summary>LINKTYPE_BLUETOOTH_LE_LL: Bluetooth LE link-layer packets (access address, PDU, CRC).</summary>
    BluetoothLeLl = 251,

    /// <summary>LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR: the same after a 10-byte pseudo-header (channel, RSSI, CRC flags).</summary>
    BluetoothLeLlWithPhdr = 256,
}
