#!/usr/bin/env bash
# Checks the structure of the test captures with tshark (Debian package tshark), an independent dissector:
# every Remote ID element is where make_captures.py says, the damaged packets are flagged, the rest is clean.
# Exit 0 when every check holds. Usage: tests/vectors/captures/check_captures.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v tshark >/dev/null || { echo "check_captures.sh: tshark is not installed (apt-get install tshark)" >&2; exit 2; }
fail=0
check() { # name expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected [$2] got [$3]"; fail=1; fi
}
t() { tshark "$@" 2>/dev/null | tr '\t' ' ' | tr '\n' '|'; }

check "beacon: FCS good x3, bad x1, good x1 (wlan.fcs.status)" "1|1|1|0|1|" \
  "$(t -o wlan.check_checksum:TRUE -r wifi-beacon-radiotap.pcap -T fields -e wlan.fcs.status)"
check "beacon: ASTM vendor element (OUI FA:0B:BC = 16387004, type 13) from the drone's SA" \
  "02:4f:aa:bb:cc:10 16387004 13|02:4f:aa:bb:cc:10 16387004 13|02:4f:aa:bb:cc:10 16387004 13|" \
  "$(t -r wifi-beacon-radiotap.pcap -Y 'wlan.tag.oui == 0xfa0bbc and wlan.fcs.status != 0' -o wlan.check_checksum:TRUE -T fields -e wlan.sa -e wlan.tag.oui -e wlan.tag.vendor.oui.type)"
check "beacon: radiotap dBm signal" "-61|-62|-63|-60|-70|" \
  "$(t -r wifi-beacon-radiotap.pcap -T fields -e radiotap.dbm_antsignal)"
check "nan: Service Descriptor with the Remote ID service id, publish, 104 bytes of service info" \
  "88:69:19:9d:92:09 104|88:69:19:9d:92:09 104|" \
  "$(t -r wifi-nan.pcapng -T fields -e nan.service_id -e nan.sda.service_info_len)"
check "ble legacy: ASTM Remote ID service data x3, then an incorrect CRC" \
  "0xfffa |0xfffa |0xfffa |0xfffa Incorrect CRC|" \
  "$(t -r ble-legacy.pcap -T fields -e btcommon.eir_ad.entry.uuid_16 -e _ws.expert.message)"
# tshark 4.0 computes the CRC of an LE Coded packet from the coding indicator byte on, so it cannot check it; the
# same PDU on LE 1M (ble-long-range-1m.pcapng) shows the CRC itself is right.
check "ble long range: AUX_ADV_IND on LE Coded, coding indicator S=8, AdvA, service data 0xFFFA" "0x07 0 02:4f:aa:bb:cc:20 0xfffa|" \
  "$(t -r ble-long-range.pcapng -T fields -e btle.advertising_header.pdu_type -e btle.coding_indicator -e btle.advertising_address -e btcommon.eir_ad.entry.uuid_16)"
check "ble long range, same PDU on LE 1M: CRC accepted" "0xfffa |" \
  "$(t -r ble-long-range-1m.pcapng -T fields -e btcommon.eir_ad.entry.uuid_16 -e _ws.expert.message)"
check "ble link layer without pseudo-header: CRC accepted, service data 0xFFFA" "0xfffa |" \
  "$(t -r ble-ll.pcap -T fields -e btcommon.eir_ad.entry.uuid_16 -e _ws.expert.message)"
check "hci: LE Advertising Report, RSSI -66, service data 0xFFFA" "-66 0xfffa|" \
  "$(t -r hci-le-report.pcap -T fields -e bthci_evt.rssi -e btcommon.eir_ad.entry.uuid_16)"
exit $fail
