#!/usr/bin/env bash
# Proves the linux-arm64 build `make publish` ships (NativeAOT; PUBLISH_MODE=r2r: the self-contained JIT build) runs:
# under qemu-user on this x86-64 machine it must print its version, accept the shipped configuration (--check-config),
# and in a short `--simulate default` run with the embedded broker
# publish an alert that mosquitto_sub receives on pi-edge/#.
#
#   deploy/test/arm64-smoke.sh [PUBLISH_DIR]        (default artifacts/publish/linux-arm64; make publish first)
#   ALERT_TIMEOUT=240 deploy/test/arm64-smoke.sh    (seconds to wait for the first alert; qemu is slow)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
publish="${1:-$repo/artifacts/publish/linux-arm64}"
alert_timeout="${ALERT_TIMEOUT:-240}"
start_timeout="${START_TIMEOUT:-180}"
sysroot=/usr/aarch64-linux-gnu

say() { printf 'arm64-smoke: %s\n' "$*"; }
die() { printf 'arm64-smoke: FAIL %s\n' "$*" >&2; exit 1; }

# 1. qemu-user and the arm64 C/C++ runtime (the .NET host links libstdc++; ICU is off: InvariantGlobalization).
missing=()
command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ] || missing+=(libc6-arm64-cross)
[ -e "$sysroot/lib/libstdc++.so.6" ] || missing+=(libstdc++6-arm64-cross)
command -v mosquitto_sub >/dev/null || missing+=(mosquitto-clients)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x "$publish/reintegratie-edge" ] || die "$publish/reintegratie-edge not found: run make publish first"
file_type="$(od -An -tx1 -j18 -N2 "$publish/reintegratie-edge" | tr -d ' ')"
[ "$file_type" = "b700" ] || die "$publish/reintegratie-edge is not an arm64 ELF executable (e_machine $file_type)"

# Found on Debian 12 (qemu 7.2) with .NET 10: edgectl --version, doctor and provision run under qemu-user with the
# runtime's defaults (W^X on, default GC); no DOTNET_* setting is needed. If a future runtime misbehaves under the
# emulator, DOTNET_EnableWriteXorExecute=0 and DOTNET_GCHeapHardLimit=0x20000000 are the first things to try; they
# are inherited from the caller's environment.
export DOTNET_CLI_TELEMETRY_OPTOUT=1
run_arm64() { qemu-aarch64-static -L "$arm64_root" "$@"; }

work="$(mktemp -d)"
gateway_pid=""
sub_pid=""
cleanup() {
    for pid in "$sub_pid" "$gateway_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            # A backgrounded shell function runs in a subshell: stop its children (qemu) too, not only the subshell.
            pkill -TERM -P "$pid" 2>/dev/null || true
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            pkill -KILL -P "$pid" 2>/dev/null || true
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

# .NET's cryptography and TLS load OpenSSL (libssl.so.3) at run time; the cross sysroot has none, so a private copy of
# the sysroot gets Debian's arm64 libssl3 (a Raspberry Pi OS image always has it). Needs the arm64 dpkg architecture
# for `apt-get download`; it is added when absent (no arm64 package is installed, only downloaded and unpacked).
arm64_root="$sysroot"
if [ ! -e "$sysroot/lib/libssl.so.3" ]; then
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        say "adding the arm64 dpkg architecture to download libssl3:arm64"
        dpkg --add-architecture arm64
        TMPDIR=/var/tmp apt-get update -qq
    fi
    mkdir -p "$work/deb"
    (cd "$work/deb" && TMPDIR=/var/tmp apt-get download -qq libssl3:arm64 2>/dev/null) || die "cannot download libssl3:arm64"
    dpkg-deb -x "$work"/deb/libssl3_*_arm64.deb "$work/deb/x"
    cp -a "$sysroot" "$work/sysroot"
    cp -a "$work/deb/x/usr/lib/aarch64-linux-gnu/." "$work/sysroot/lib/"
    arm64_root="$work/sysroot"
fi

# 2. --version
version="$(run_arm64 "$publish/reintegratie-edge" --version)" || die "reintegratie-edge --version exited $?"
[ -n "$version" ] || die "reintegratie-edge --version printed nothing"
say "version: $version"
if [ -x "$publish/edgectl" ]; then
    say "edgectl: $(run_arm64 "$publish/edgectl" --version)"
fi

# 3. --check-config with the shipped configuration. The production file names root-owned secrets and TLS files that
# do not exist on this machine, so an overlay points them at throw-away ones made here.
(umask 0377 && head -c 32 /dev/urandom > "$work/privacy.key")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=smoke-ca" \
    -keyout "$work/ca.key" -out "$work/ca.crt" >/dev/null 2>&1
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=pi-sittard-gw-1" \
    -keyout "$work/client.key" -out "$work/client.csr" >/dev/null 2>&1
openssl x509 -req -in "$work/client.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 30 \
    -out "$work/client.crt" >/dev/null 2>&1
chmod 600 "$work"/*.key # private keys readable by group or others stop the start
cat > "$work/overlay.json" <<EOF
{
  "Privacy": { "KeyFile": "$work/privacy.key" },
  "Journal": { "Path": "$work/journal.db" },
  "Mqtt": { "Tls": { "CaFile": "$work/ca.crt", "CertFile": "$work/client.crt", "KeyFile": "$work/client.key" } },
  "SensorLinks": { "Tls": { "CaFile": "$work/ca.crt", "CertFile": "$work/client.crt", "KeyFile": "$work/client.key" } }
}
EOF
if ! run_arm64 "$publish/reintegratie-edge" --check-config --config "$repo/deploy/config/appsettings.json" \
        --config "$work/overlay.json" > "$work/check.log" 2>&1; then
    cat "$work/check.log" >&2
    die "--check-config rejected deploy/config/appsettings.json"
fi
say "check-config: deploy/config/appsettings.json accepted"

# 4. Simulation with the embedded broker on 127.0.0.1:1883.
if (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
    die "127.0.0.1:1883 is already in use; stop the other broker first (the embedded broker needs it)"
fi
mkdir -p "$work/state"
started=$SECONDS
run_arm64 "$publish/reintegratie-edge" --simulate default --state-dir "$work/state" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
until (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; do
    kill -0 "$gateway_pid" 2>/dev/null || { tail -n 40 "$work/gateway.log" >&2; die "the gateway exited before its broker listened"; }
    [ $((SECONDS - started)) -lt "$start_timeout" ] || { tail -n 40 "$work/gateway.log" >&2; die "no broker on 127.0.0.1:1883 after ${start_timeout}s"; }
    sleep 1
done
say "embedded broker listening after $((SECONDS - started))s"

mosquitto_sub -h 127.0.0.1 -p 1883 -V mqttv5 -t 'pi-edge/#' -v > "$work/mqtt.log" 2>&1 &
sub_pid=$!
deadline=$((SECONDS + alert_timeout))
until grep -Eq '^pi-edge/[^/ ]+/[^/ ]+/alerts \{' "$work/mqtt.log"; do
    kill -0 "$gateway_pid" 2>/dev/null || { tail -n 40 "$work/gateway.log" >&2; die "the gateway exited during the simulation"; }
    kill -0 "$sub_pid" 2>/dev/null || { cat "$work/mqtt.log" >&2; die "mosquitto_sub exited"; }
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 20 "$work/mqtt.log" >&2; tail -n 40 "$work/gateway.log" >&2; die "no alert on pi-edge/+/+/alerts within ${alert_timeout}s"; }
    sleep 1
done
alert="$(grep -Em1 '^pi-edge/[^/ ]+/[^/ ]+/alerts \{' "$work/mqtt.log")"
say "first alert after $((SECONDS - started))s: ${alert:0:160}"
say "PASS linux-arm64 build: --version, --check-config and an alert from --simulate default under qemu"
