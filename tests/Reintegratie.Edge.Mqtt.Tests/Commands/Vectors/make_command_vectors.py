#!/usr/bin/env python3
"""Signed-command test vectors from an implementation we did not write (Debian python3-cryptography).

Re-implements docs/MQTT.md "Signed commands" independently: canonical bytes = b"reintegratie-edge/cmd/v1" then, for
gateway root, verb, key_id, issued_at, nonce, alert_id, operator, note, zone, until, reason: 0x00 when absent, else
0x01 + 4-byte big-endian UTF-8 length + UTF-8 bytes; ECDSA P-256 over SHA-256, DER signature, base64.
Run: python3 make_command_vectors.py > command-vectors.json
"""
import base64
import json
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

FIELDS = ["alert_id", "operator", "note", "zone", "until", "reason"]


def canonical(root, verb, payload):
    out = bytearray(b"reintegratie-edge/cmd/v1")
    for value in [root, verb, payload.get("key_id"), payload.get("issued_at"), payload.get("nonce")] + [payload.get(f) for f in FIELDS]:
        if value is None:
            out += b"\x00"
        else:
            b = value.encode("utf-8")
            out += b"\x01" + struct.pack(">I", len(b)) + b
    return bytes(out)


def main():
    key = ec.generate_private_key(ec.SECP256R1())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    root = "pi-edge/pi-test/gw-1"
    cases = [
        ("ack", {"alert_id": "01JABCDEF0123456789ABCDEFG", "note": "gezien, één ronde gelopen"}),
        ("bypass", {"zone": "Z1", "until": "2026-09-14T12:00:00Z", "reason": "hekwerk onderhoud"}),
        ("resync", {}),
    ]
    vectors = []
    for i, (verb, fields) in enumerate(cases):
        payload = dict(fields)
        payload.update({"key_id": "console-a", "issued_at": "2026-09-14T10:00:0%dZ" % i, "nonce": "python-nonce-%04d" % i})
        message = canonical(root, verb, payload)
        payload["signature"] = base64.b64encode(key.sign(message, ec.ECDSA(hashes.SHA256()))).decode()
        vectors.append({"verb": verb, "canonical_hex": message.hex(), "payload": payload})
    print(json.dumps({"generator": "python3-cryptography " + __import__("cryptography").__version__, "root": root,
                      "key_id": "console-a", "public_key": base64.b64encode(spki).decode(), "vectors": vectors}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
