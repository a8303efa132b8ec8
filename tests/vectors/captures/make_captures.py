#!/usr/bin/env python3
"""Builds the Remote ID test captures with scapy (Debian python3-scapy), an implementation we did not write.

Run from this directory:  python3 make_captures.py   (writes *.pcap, *.pcapng and expected.jsonl; deterministic)
Check the structure:      ./check_captures.sh        (tshark dissects every packet; see README.md)

The Remote ID payloads are the opendroneid-core-c conformance messages (same drone as the line-format examples in
hardware/protocols/remote-id-receiver.md). scapy builds every header and computes the 802.11 FCS and the Bluetooth LE
CRC. Where scapy has no layer (NAN service discovery attributes, extended advertising PDUs) the bytes follow the
field tables named beside them and tshark's dissector checks them.
"""
import json
import struct

from scapy.layers.bluetooth import (EIR_Hdr, EIR_ServiceData16BitUUID, HCI_Event_Hdr, HCI_Event_LE_Meta, HCI_Hdr,
                                    HCI_LE_Meta_Advertising_Report, HCI_LE_Meta_Advertising_Reports, HCI_PHDR_Hdr)
from scapy.layers.bluetooth4LE import BTLE, BTLE_ADV, BTLE_ADV_NONCONN_IND, BTLE_RF
from scapy.layers.dot11 import Dot11, Dot11Beacon, Dot11Elt, Dot11EltVendorSpecific, Dot11FCS, RadioTap
from scapy.packet import Raw
from scapy.utils import PcapNgWriter, PcapWriter

BASIC = bytes.fromhex('0212313538314635464b443232393430305445535400000000')
LOCATION = bytes.fromhex('122624160a473ecb1e714327039808f30870086b5339300200')
SYSTEM = bytes.fromhex('420527dcca1e6bae260301000000000000122e084093110c00')
OPERATOR = bytes.fromhex('52004e4c446b337639783271376d3870347700000000000000')
PACK = bytes([0xF2, 0x19, 4]) + BASIC + LOCATION + SYSTEM + OPERATOR
T0 = 1780000000.0  # 2026-05-28T20:26:40Z
WIFI_MAC = '02:4f:aa:bb:cc:10'
BLE_MAC = '02:4f:aa:bb:cc:20'

expected = []


def expect(file, index, transport, mac, rssi, counter, frame, t):
    expected.append({'file': file, 'packet': index, 'time': t, 'transport': transport, 'mac': mac.upper(),
                     'rssi': rssi, 'counter': counter, 'hex': frame.hex()})


def beacon(counter, fcs, rssi):
    rt = RadioTap(present='Flags+dBm_AntSignal', Flags='FCS' if fcs else 0, dBm_AntSignal=rssi)
    dot11 = (Dot11FCS if fcs else Dot11)(type=0, subtype=8, addr1='ff:ff:ff:ff:ff:ff', addr2=WIFI_MAC, addr3=WIFI_MAC)
    # ASTM F3411-22 5.4.6.1: vendor-specific element, OUI FA:0B:BC, OUI type 0x0D, message counter, message pack.
    vendor = Dot11EltVendorSpecific(oui=0xFA0BBC, info=bytes([0x0D, counter]) + PACK)
    return rt / dot11 / Dot11Beacon(cap='ESS') / Dot11Elt(ID='SSID', info=b'RID-1581F5FK') / vendor


def nan(counter):
    # NAN Service Discovery Frame (Wi-Fi Alliance NAN spec 9.5.x): public action 0x04, vendor 0x09, OUI 50:6F:9A type
    # 0x13; Service Descriptor attribute 0x03: service id = SHA-256("org.opendroneid.remoteid")[:6], instance 1,
    # requestor 0, control 0x10 (publish), service info = message counter + pack (ASTM F3411-22 5.4.6.2).
    info = bytes([counter]) + PACK
    sda = bytes([0x88, 0x69, 0x19, 0x9D, 0x92, 0x09, 0x01, 0x00, 0x10, len(info)]) + info
    body = bytes([0x04, 0x09, 0x50, 0x6F, 0x9A, 0x13]) + bytes([0x03]) + struct.pack('<H', len(sda)) + sda
    return Dot11(type=0, subtype=13, addr1='51:6f:9a:01:00:00', addr2=WIFI_MAC, addr3='51:6f:9a:01:00:00') / Raw(body)


def ble_legacy(counter, message, rssi):
    # ASTM F3411-22 5.4.7.1: AD type 0x16 service data, UUID 0xFFFA, application code 0x0D, counter, one message.
    sd = EIR_Hdr() / EIR_ServiceData16BitUUID(svc_uuid=0xFFFA) / Raw(bytes([0x0D, counter]) + message)
    adv = BTLE(access_addr=0x8E89BED6) / BTLE_ADV(TxAdd=1) / BTLE_ADV_NONCONN_IND(AdvA=BLE_MAC, data=[sd])
    return BTLE_RF(rf_channel=37, signal=rssi, noise=-95, dewhitened=1, sig_power_valid=1) / adv


def ble_extended(counter, rssi, coded=True):
    # AUX_ADV_IND on LE Coded (Core 5.3 Vol 6 Part B 2.3.4): PDU type 7, extended header length 9, AdvMode 0, flags
    # AdvA|ADI, AdvA (LSB first), ADI (DID 0x001, SID 0), AdvData = the Remote ID service data with a pack.
    ad = bytes([5 + len(PACK), 0x16, 0xFA, 0xFF, 0x0D, counter]) + PACK
    adva = bytes.fromhex(BLE_MAC.replace(':', ''))[::-1]
    ext = bytes([0x01 | 0x08]) + adva + bytes([0x01, 0x00])
    payload = bytes([len(ext)]) + ext + ad
    pdu = bytes([0x47, len(payload)]) + payload  # type 7, TxAdd 1 (random address)
    # On LE Coded the capture holds a coding indicator byte between access address and PDU (0 = S=8); the CRC covers
    # the PDU only, so scapy's BTLE.compute_crc is applied to the PDU and the packet is assembled around it.
    rf = BTLE_RF(rf_channel=5, signal=rssi, noise=-95, dewhitened=1, sig_power_valid=1, type='AUX_ADV', phy='Coded' if coded else '1M')
    ci = bytes([0x00]) if coded else b''
    return rf / Raw(struct.pack('<I', 0x8E89BED6) + ci + pdu + BTLE.compute_crc(pdu))


def hci_report(counter, rssi):
    ad = bytes([30, 0x16, 0xFA, 0xFF, 0x0D, counter]) + LOCATION
    report = HCI_LE_Meta_Advertising_Report(type=3, atype=1, addr=BLE_MAC, data=[Raw(ad)], rssi=rssi)
    return HCI_PHDR_Hdr(direction=1) / HCI_Hdr(type=4) / HCI_Event_Hdr() / HCI_Event_LE_Meta() / HCI_LE_Meta_Advertising_Reports(reports=[report])


def write(name, packets, linktype, ng=False):
    writer = PcapNgWriter(name) if ng else PcapWriter(name, linktype=linktype, sync=True)
    for i, (p, t) in enumerate(packets):
        p.time = t
        if ng:
            writer.linktype = linktype
        writer.write(p)
    writer.close()


# 1. Wi-Fi Beacon with radiotap and FCS: three good beacons, one with a damaged FCS, one ordinary beacon.
packets = []
for i in range(3):
    t = T0 + i * 0.5
    packets.append((beacon(i, fcs=True, rssi=-61 - i), t))
    expect('wifi-beacon-radiotap.pcap', len(packets), 'WIFI_BEACON', WIFI_MAC, -61 - i, i, PACK, t)
bad = bytearray(bytes(beacon(3, fcs=True, rssi=-60)))
bad[-1] ^= 0xFF
packets.append((RadioTap(bytes(bad)), T0 + 1.5))
other = RadioTap(present='Flags+dBm_AntSignal', Flags='FCS', dBm_AntSignal=-70) / Dot11FCS(type=0, subtype=8, addr1='ff:ff:ff:ff:ff:ff', addr2='02:00:00:00:00:99', addr3='02:00:00:00:00:99') / Dot11Beacon() / Dot11Elt(ID='SSID', info=b'gasten')
packets.append((other, T0 + 1.6))
write('wifi-beacon-radiotap.pcap', packets, 127)

# 2. Wi-Fi NAN action frames without radiotap (DLT 105), pcapng.
packets = []
for i in range(2):
    t = T0 + 2 + i
    packets.append((nan(10 + i), t))
    expect('wifi-nan.pcapng', len(packets), 'WIFI_NAN', WIFI_MAC, None, 10 + i, PACK, t)
write('wifi-nan.pcapng', packets, 105, ng=True)

# 3. Bluetooth 4 legacy advertising (DLT 256): Basic ID, Location, System; then a damaged CRC.
packets = []
for i, m in enumerate([BASIC, LOCATION, SYSTEM]):
    t = T0 + 4 + i * 0.1
    packets.append((ble_legacy(20 + i, m, -70 - i), t))
    expect('ble-legacy.pcap', len(packets), 'BT4', BLE_MAC, -70 - i, 20 + i, m, t)
bad = bytearray(bytes(ble_legacy(23, LOCATION, -70)))
bad[-1] ^= 0x5A
packets.append((BTLE_RF(bytes(bad)), T0 + 4.5))
write('ble-legacy.pcap', packets, 256)

# 4. Bluetooth 5 Long Range (AUX_ADV_IND on LE Coded, DLT 256, pcapng) with a message pack.
packets = []
t = T0 + 5
packets.append((ble_extended(30, -80), t))
expect('ble-long-range.pcapng', 1, 'BT5', BLE_MAC, -80, 30, PACK, t)
write('ble-long-range.pcapng', packets, 256, ng=True)
packets = [(ble_extended(31, -80, coded=False), t + 1)]
expect('ble-long-range-1m.pcapng', 1, 'BT5', BLE_MAC, -80, 31, PACK, t + 1)
write('ble-long-range-1m.pcapng', packets, 256, ng=True)

# 5. Bluetooth LE link layer without pseudo-header (DLT 251): no RSSI.
packets = []
t = T0 + 6
packets.append((ble_legacy(40, BASIC, -70)[BTLE], t))
expect('ble-ll.pcap', 1, 'BT4', BLE_MAC, None, 40, BASIC, t)
write('ble-ll.pcap', packets, 251)

# 6. HCI LE Advertising Report from a controller (DLT 201, what `tcpdump -i bluetooth0` writes on the Pi).
packets = []
t = T0 + 7
packets.append((hci_report(50, -66), t))
expect('hci-le-report.pcap', 1, 'BT4', BLE_MAC, -66, 50, LOCATION, t)
write('hci-le-report.pcap', packets, 201)

with open('expected.jsonl', 'w') as f:
    for e in expected:
        f.write(json.dumps(e) + '\n')
