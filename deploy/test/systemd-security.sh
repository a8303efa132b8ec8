#!/usr/bin/env bash
# Scores the hardened unit with `systemd-analyze security --offline=true` (systemd >= 250) and fails above the
# limit (default 1.2, override with MAX_EXPOSURE), or when MemoryDenyWriteExecute= is not set (the gateway ships as
# NativeAOT: no JIT, so no memory needs to become executable; IntegrationTests' AotGatewayTests run it under the
# kernel's own memory-deny-write-execute). Also checks the assumption behind PrivateUsers=yes: a process in
# a user namespace keeps device access through a supplementary group it holds (the group only shows as "nogroup").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
unit="${1:-$here/../systemd/reintegratie-edge.service}"
max="${MAX_EXPOSURE:-1.2}"

if ! command -v systemd-analyze >/dev/null; then
    echo "systemd-security: systemd-analyze not found (install systemd)" >&2
    exit 1
fi

version="$(systemd-analyze --version | awk 'NR==1 {print $2}')"
if [ "${version%%.*}" -lt 250 ]; then
    echo "systemd-security: systemd $version has no --offline security review (needs 250 or newer)" >&2
    exit 1
fi

report="$(systemd-analyze security --offline=true --no-pager "$unit" 2>&1)" || {
    echo "$report" >&2
    echo "systemd-security: systemd-analyze security failed on $unit" >&2
    exit 1
}
score="$(printf '%s\n' "$report" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')"
if [ -z "$score" ]; then
    echo "$report" >&2
    echo "systemd-security: no overall exposure level in the report" >&2
    exit 1
fi

printf '%s\n' "$report" | grep -E '^✗' || true
if ! printf '%s\n' "$report" | grep -Eq '^✓ MemoryDenyWriteExecute='; then
    echo "systemd-security: FAIL MemoryDenyWriteExecute=yes is not set in $(basename "$unit")" >&2
    exit 1
fi

# Supplementary group access survives a user namespace (the reason PrivateUsers=yes is safe with SupplementaryGroups=).
if command -v setpriv >/dev/null && command -v unshare >/dev/null && [ "$(id -u)" = 0 ] && getent group dialout >/dev/null; then
    probe_dir="$(mktemp -d)"
    trap 'rm -rf "$probe_dir"' EXIT
    chmod 0755 "$probe_dir"
    printf 'ok\n' > "$probe_dir/device"
    chgrp dialout "$probe_dir/device"
    chmod 0660 "$probe_dir/device"
    if setpriv --reuid=65534 --regid=65534 --groups=dialout -- unshare --user -- cat "$probe_dir/device" >/dev/null 2>&1; then
        echo "systemd-security: supplementary group access inside a user namespace: ok"
    else
        echo "systemd-security: a supplementary group does NOT grant access inside a user namespace here; PrivateUsers=yes would block the devices" >&2
        exit 1
    fi
fi

if awk -v s="$score" -v m="$max" 'BEGIN { exit !(s <= m) }'; then
    echo "systemd-security: PASS exposure $score (limit $max) for $(basename "$unit")"
else
    echo "systemd-security: FAIL exposure $score above limit $max for $(basename "$unit")" >&2
    exit 1
fi

# The live-capture units (installed beside the gateway on a site with a live Remote ID source: they hold the capture
# privileges, so the gateway holds none) are scored on their own against MAX_EXPOSURE_CAPTURE (default 1.5), each
# with MemoryDenyWriteExecute=yes required. Only when the gateway unit itself is the one checked (the default).
max_capture="${MAX_EXPOSURE_CAPTURE:-1.5}"
if [ -z "${1:-}" ]; then
    for capture in "$here"/../systemd/reintegratie-edge-capture-*@.service; do
        [ -e "$capture" ] || continue
        name="$(basename "$capture")"
        capture_report="$(systemd-analyze security --offline=true --no-pager "$capture" 2>&1)" || {
            echo "$capture_report" >&2
            echo "systemd-security: systemd-analyze security failed on $name" >&2
            exit 1
        }
        capture_score="$(printf '%s\n' "$capture_report" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')"
        if ! printf '%s\n' "$capture_report" | grep -Eq '^✓ MemoryDenyWriteExecute='; then
            echo "systemd-security: FAIL MemoryDenyWriteExecute=yes is not set in $name" >&2
            exit 1
        fi
        if [ -n "$capture_score" ] && awk -v s="$capture_score" -v m="$max_capture" 'BEGIN { exit !(s <= m) }'; then
            echo "systemd-security: PASS exposure $capture_score (limit $max_capture) for $name"
        else
            printf '%s\n' "$capture_report" | grep -E '^✗' >&2 || true
            echo "systemd-security: FAIL exposure '${capture_score}' above limit $max_capture for $name" >&2
            exit 1
        fi
    done
fi
