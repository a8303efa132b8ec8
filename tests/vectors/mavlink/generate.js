// Generates MAVLink v2 test vectors with node-mavlink + mavlink-mappings (an implementation we did not write).
// Run: npm ci && node generate.js > vectors.jsonl   (see README.md). Deterministic: fixed seq, fixed signing time.
'use strict';
const { MavLinkProtocolV2, minimal, common } = require('node-mavlink');

const SYS = 42;  // the receiver's system id
const COMP = 236; // MAV_COMP_ID_ODID_TXRX_1

// 25-byte ASTM F3411 messages from the opendroneid-core-c conformance set (vendored in tests/conformance/opendroneid).
const ODID = {
  basic: '0212313538314635464b443232393430305445535400000000',
  location: '122624160a473ecb1e714327039808f30870086b5339300200',
  system: '420527dcca1e6bae260301000000000000122e084093110c00',
};

function bytes(text, len) {
  const b = Buffer.alloc(len);
  Buffer.from(text, 'latin1').copy(b);
  return Array.from(b);
}
function mac(m, len = 20) {
  const b = Buffer.alloc(len);
  Buffer.from(m.replace(/:/g, ''), 'hex').copy(b);
  return Array.from(b);
}
const f32 = Math.fround;

function make(clazz, fields) {
  const m = new clazz();
  for (const [k, v] of Object.entries(fields)) m[k] = v;
  return m;
}

// Every vector: the message class, the field values (camelCase as node-mavlink names them), expectation.
const cases = [
  ['heartbeat', minimal.Heartbeat, { customMode: 0, type: 18 /* MAV_TYPE_ODID */, autopilot: 8, baseMode: 0, systemStatus: 4, mavlinkVersion: 3 }],
  ['basic_id_serial', common.OpenDroneIdBasicId, { targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), idType: 1, uaType: 2, uasId: bytes('1581F5FKD229400TEST', 20) }],
  ['basic_id_no_mac', common.OpenDroneIdBasicId, { targetSystem: 0, targetComponent: 0, idOrMac: mac(''), idType: 2, uaType: 1, uasId: bytes('NLD-RPAS-000042', 20) }],
  ['location_airborne', common.OpenDroneIdLocation, { latitude: 516636231, longitude: 52904817, altitudeBarometric: f32(100.0), altitudeGeodetic: f32(145.5), height: f32(40.0), timestamp: f32(1234.5), direction: 21570, speedHorizontal: 540, speedVertical: 525, targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), status: 2, heightReference: 1, horizontalAccuracy: 10, verticalAccuracy: 4, barometerAccuracy: 3, speedAccuracy: 3, timestampAccuracy: 2 }],
  ['location_unknowns', common.OpenDroneIdLocation, { latitude: 0, longitude: 0, altitudeBarometric: f32(-1000), altitudeGeodetic: f32(-1000), height: f32(-1000), timestamp: f32(65535), direction: 36100, speedHorizontal: 25500, speedVertical: 6300, targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:02'), status: 0, heightReference: 0, horizontalAccuracy: 0, verticalAccuracy: 0, barometerAccuracy: 0, speedAccuracy: 0, timestampAccuracy: 0 }],
  ['location_south_west_descending', common.OpenDroneIdLocation, { latitude: -337123456, longitude: -1512345678, altitudeBarometric: f32(55.5), altitudeGeodetic: f32(60.0), height: f32(12.5), timestamp: f32(3599.9), direction: 35999, speedHorizontal: 6000, speedVertical: -350, targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:03'), status: 3, heightReference: 0, horizontalAccuracy: 11, verticalAccuracy: 5, barometerAccuracy: 4, speedAccuracy: 4, timestampAccuracy: 1 }],
  ['authentication_page0', common.OpenDroneIdAuthentication, { timestamp: 28000000, targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), authenticationType: 3, dataPage: 0, lastPageIndex: 0, length: 17, authenticationData: Array.from({ length: 23 }, (_, i) => (i < 17 ? 0xa0 + i : 0)) }],
  ['self_id', common.OpenDroneIdSelfId, { targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), descriptionType: 0, description: 'Survey flight - test 01' }],
  ['system_operator', common.OpenDroneIdSystem, { operatorLatitude: 516600000, operatorLongitude: 52900000, areaCeiling: f32(-1000), areaFloor: f32(-1000), operatorAltitudeGeo: f32(12.5), timestamp: 210000000, areaCount: 1, areaRadius: 0, targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), operatorLocationType: 1, classificationType: 1, categoryEu: 1, classEu: 2 }],
  ['operator_id', common.OpenDroneIdOperatorId, { targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:01'), operatorIdType: 0, operatorId: 'NLDk3v9x2q7m8p4w' }],
  ['message_pack', common.OpenDroneIdMessagePack, { targetSystem: 0, targetComponent: 0, idOrMac: mac('02:4f:aa:bb:cc:04'), singleMessageSize: 25, msgPackSize: 3, messages: Array.from(Buffer.concat([Buffer.from(ODID.basic, 'hex'), Buffer.from(ODID.location, 'hex'), Buffer.from(ODID.system, 'hex'), Buffer.alloc(225 - 75)])) }],
];

const out = [];
let seq = 0;
const plain = new MavLinkProtocolV2(SYS, COMP);
for (const [id, clazz, fields] of cases) {
  const buf = plain.serialize(make(clazz, fields), seq++ & 0xff);
  out.push({ id, expect: 'ok', msgid: clazz.MSG_ID, name: clazz.MSG_NAME, crc_extra: clazz.MAGIC_NUMBER, seq: buf[4], sysid: SYS, compid: COMP, payload_len: buf[1], hex: buf.toString('hex'), fields });
}

// A signed frame: incompatibility flag 0x01 and a 13-byte signature (no key is configured in the gateway: reject).
const signer = new MavLinkProtocolV2(SYS, COMP, MavLinkProtocolV2.IFLAG_SIGNED);
const key = Buffer.alloc(32, 7);
const hb = make(minimal.Heartbeat, cases[0][2]);
const signed = signer.sign(signer.serialize(hb, 200), 1, key, Date.UTC(2026, 0, 1));
out.push({ id: 'signed_heartbeat', expect: 'signed', msgid: 0, name: 'HEARTBEAT', crc_extra: 50, seq: 200, sysid: SYS, compid: COMP, payload_len: signed[1], hex: signed.toString('hex'), fields: cases[0][2] });

// Corrupted copies of a real frame: one payload bit flipped, and the CRC itself damaged.
const loc = Buffer.from(out.find(v => v.id === 'location_airborne').hex, 'hex');
const flipped = Buffer.from(loc); flipped[12] ^= 0x01;
out.push({ id: 'location_payload_bit_flipped', expect: 'bad_crc', msgid: 12901, hex: flipped.toString('hex') });
const badCrc = Buffer.from(loc); badCrc[badCrc.length - 1] ^= 0xff;
out.push({ id: 'location_crc_damaged', expect: 'bad_crc', msgid: 12901, hex: badCrc.toString('hex') });

for (const v of out) process.stdout.write(JSON.stringify(v) + '\n');
