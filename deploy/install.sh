#!/usr/bin/env bash
# Installs, upgrades, rolls back and removes the Reintegratie.Edge gateway (see docs/OPERATIONS.md).
#
#   install.sh --from artifacts/publish/linux-arm64 [--version V] [--root DIR] [--no-start] [--keep N] [--force]
#   install.sh --rollback [--root DIR] [--no-start]
#   install.sh --uninstall [--purge] [--root DIR]
#
# Layout: /opt/reintegratie-edge/releases/<version>/ (the publish directory plus this deploy/ folder), with symlinks
# `current` and `previous`. Installing the current version again changes nothing (idempotent). The service user and
# groups are declared in /usr/lib/sysusers.d/reintegratie-edge.conf and created by systemd-sysusers, which also works
# on a staged tree: with --root DIR the users land in DIR/etc/passwd and DIR/etc/group, files are owned by the
# numeric ids from there, and systemctl is never called.
set -euo pipefail

readonly SERVICE=reintegratie-edge
readonly SERVICE_USER=reintegratie-edge
readonly DEVICE_GROUPS=(gpio dialout spi)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE

ROOT=""
FROM=""
VERSION=""
MODE=install
PURGE=0
START=1
KEEP=3
FORCE=0

say() { printf 'install: %s\n' "$*"; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --from) FROM="${2:?--from needs a directory}"; shift 2 ;;
        --version) VERSION="${2:?--version needs a value}"; shift 2 ;;
        --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
        --rollback) MODE=rollback; shift ;;
        --uninstall) MODE=uninstall; shift ;;
        --purge) PURGE=1; shift ;;
        --no-start) START=0; shift ;;
        --keep) KEEP="${2:?--keep needs a number}"; shift 2 ;;
        --force) FORCE=1; shift ;;
        -h|--help) usage ;;
        *) printf 'install: unknown option %s\n' "$1" >&2; usage ;;
    esac
done

if ! [[ "$KEEP" =~ ^[0-9]+$ ]] || [ "$KEEP" -lt 2 ]; then
    die "--keep must be a number of at least 2 (current and previous)"
fi
[ "$PURGE" = 0 ] || [ "$MODE" = uninstall ] || die "--purge only goes with --uninstall"

if [ -n "$ROOT" ]; then
    mkdir -p "$ROOT"
    ROOT="$(cd "$ROOT" && pwd)"
    STAGED=1
else
    STAGED=0
fi
# Files are owned by the service user and root, also in a staged tree.
[ "$(id -u)" = 0 ] || die "run as root (sudo): the files are owned by the service account"

readonly OPT="$ROOT/opt/$SERVICE"
readonly RELEASES="$OPT/releases"
readonly ETC="$ROOT/etc/$SERVICE"
readonly UNIT="$ROOT/etc/systemd/system/$SERVICE.service"
readonly DROPIN_DIR="$ROOT/etc/systemd/system/$SERVICE.service.d"
readonly WANTS_DIR="$ROOT/etc/systemd/system/$SERVICE.service.wants"
readonly CAPTURE_UNITS=("$SERVICE-capture-wifi@.service" "$SERVICE-capture-bluetooth@.service")
readonly SYSUSERS="$ROOT/usr/lib/sysusers.d/$SERVICE.conf"
readonly UDEV_RULE="$ROOT/etc/udev/rules.d/99-$SERVICE.rules"
readonly STATE="$ROOT/var/lib/$SERVICE"
readonly LOGS="$ROOT/var/log/$SERVICE"
# Checksum of the default configuration as last installed: tells an untouched default (safe to update) from a
# technician's edits (never overwritten).
readonly CONFIG_STAMP="$OPT/appsettings.default.sha256"

systemctl_() {
    if [ "$STAGED" = 0 ] && command -v systemctl >/dev/null; then
        systemctl "$@"
    fi
}

# Numeric id of a user or group in the target tree (the staged root has its own passwd and group files).
id_of() {
    local db="$1" name="$2" id
    id="$(awk -F: -v n="$name" '$1 == n { print $3; exit }' "$ROOT/etc/$db" 2>/dev/null || true)"
    [ -n "$id" ] || die "$name is not in $ROOT/etc/$db"
    printf '%s' "$id"
}

own() {
    local owner="$1" group="$2" mode="$3"
    shift 3
    chown "$(id_of passwd "$owner"):$(id_of group "$group")" "$@"
    chmod "$mode" "$@"
}

with_lock() {
    mkdir -p "$OPT"
    exec 9>"$OPT/.install.lock"
    flock -n 9 || die "another install.sh is running on $OPT"
}

ensure_users() {
    mkdir -p "$(dirname "$SYSUSERS")" "$ROOT/etc"
    {
        echo "# Reintegratie.Edge service account (installed by install.sh). Device groups are created when absent."
        for g in "${DEVICE_GROUPS[@]}"; do echo "g $g - -"; done
        echo "u $SERVICE_USER - \"Reintegratie.Edge gateway\" /var/lib/$SERVICE /usr/sbin/nologin"
        for g in "${DEVICE_GROUPS[@]}"; do echo "m $SERVICE_USER $g"; done
    } > "$SYSUSERS.tmp"
    mv -f "$SYSUSERS.tmp" "$SYSUSERS"
    chmod 0644 "$SYSUSERS"
    if command -v systemd-sysusers >/dev/null; then
        if [ "$STAGED" = 1 ]; then
            systemd-sysusers --root="$ROOT" "$SYSUSERS" >/dev/null
        else
            systemd-sysusers "$SYSUSERS" >/dev/null
        fi
    elif [ "$STAGED" = 0 ]; then
        # No systemd-sysusers: the same with shadow-utils.
        for g in "${DEVICE_GROUPS[@]}"; do getent group "$g" >/dev/null || groupadd --system "$g"; done
        if ! getent passwd "$SERVICE_USER" >/dev/null; then
            useradd --system --user-group --home-dir "/var/lib/$SERVICE" --no-create-home --shell /usr/sbin/nologin \
                --comment "Reintegratie.Edge gateway" "$SERVICE_USER"
        fi
        usermod --append --groups "$(IFS=,; echo "${DEVICE_GROUPS[*]}")" "$SERVICE_USER"
    else
        die "systemd-sysusers is needed to stage users into $ROOT"
    fi
}

release_version() {
    if [ -n "$VERSION" ]; then
        printf '%s' "$VERSION"
    elif [ -s "$FROM/VERSION" ]; then
        head -n1 "$FROM/VERSION" | tr -d '[:space:]'
    elif [ "$STAGED" = 0 ] && out="$(timeout 20 "$FROM/$SERVICE" --version 2>/dev/null)" && [ -n "$out" ]; then
        # "reintegratie-edge 0.1.0+abc123" -> "0.1.0+abc123"
        printf '%s' "${out##* }" | tr -d '[:space:]'
    else
        # Deterministic fallback: the same build always gets the same name.
        printf 'build-%s' "$(sha256sum "$FROM/$SERVICE" | cut -c1-12)"
    fi
}

install_unit_from() {
    local release="$1"
    mkdir -p "$(dirname "$UNIT")" "$DROPIN_DIR"
    install -m 0644 "$release/deploy/systemd/$SERVICE.service" "$UNIT"
    local capture
    for capture in "${CAPTURE_UNITS[@]}"; do
        [ ! -f "$release/deploy/systemd/$capture" ] || install -m 0644 "$release/deploy/systemd/$capture" "$(dirname "$UNIT")/$capture"
    done
    if [ -f "$release/deploy/udev/99-$SERVICE.rules" ] && [ ! -e "$UDEV_RULE" ]; then
        mkdir -p "$(dirname "$UDEV_RULE")"
        install -m 0644 "$release/deploy/udev/99-$SERVICE.rules" "$UDEV_RULE"
    fi
}

# One capture unit per live Remote ID source in the installed configuration (Format hci: the Bluetooth unit; Format
# pcap with Interface: the Wi-Fi unit), enabled as the gateway's wants (what `systemctl enable` does for
# WantedBy=reintegratie-edge.service): the capture privileges live there, the gateway holds none. Rendered again at
# every install; instances of sensors that went away are removed.
render_capture_units() {
    local config="$ETC/appsettings.json" instances line
    rm -f "$WANTS_DIR/$SERVICE"-capture-*@*.service
    [ -f "$config" ] || return 0
    command -v python3 >/dev/null || { say "warning: no python3: enable the capture units yourself (docs/OPERATIONS.md 8a)"; return 0; }
    instances="$(python3 - "$config" <<'PY'
import json, re, sys
try:
    sensors = json.load(open(sys.argv[1])).get("Site", {}).get("Sensors", []) or []
except (OSError, ValueError) as e:
    print(f"cannot read {sys.argv[1]}: {e}", file=sys.stderr); sys.exit(0)
for s in sensors:
    iface = str(s.get("Interface") or "").strip()
    if str(s.get("Family", "")).lower() != "remoteid" or not iface or str(s.get("Enabled", True)).lower() == "false":
        continue
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,15}", iface):
        print(f"skip: Interface '{iface}' is not an interface name", file=sys.stderr); continue
    kind = "bluetooth" if str(s.get("Format", "")).lower() == "hci" else "wifi"
    print(f"{kind} {iface}")
PY
)"
    [ -n "$instances" ] || return 0
    mkdir -p "$WANTS_DIR"
    while read -r line; do
        local kind="${line%% *}" iface="${line#* }"
        ln -sfn "../$SERVICE-capture-$kind@.service" "$WANTS_DIR/$SERVICE-capture-$kind@$iface.service"
        say "capture unit enabled: $SERVICE-capture-$kind@$iface.service"
    done <<< "$instances"
}

# The unit's network allow-list from the installed configuration (drop-in 20-ip-allow.conf, replacing the unit's example
# subnets): localhost, the /24 (IPv6: /64) of every SAPIENT and GSM sensor-link Listen address, every sensor's
# PeerAddresses, and the broker: Mqtt:Host and Mqtt:FailoverHosts (IP addresses as they are, names resolved now).
# Without a configuration, or when a broker name does not resolve, no drop-in is written (the unit's example line
# stays, and we say so): run install.sh again once the name resolves. Rendered again at every install.
render_ip_allow() {
    local config="$ETC/appsettings.json" dropin="$DROPIN_DIR/20-ip-allow.conf" allow
    [ -f "$config" ] || return 0
    command -v python3 >/dev/null || { say "warning: no python3: IPAddressAllow keeps the unit's example subnets; set it with systemctl edit"; return 0; }
    if ! allow="$(python3 - "$config" <<'PY'
import ipaddress, json, socket, sys

def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)

cfg = json.load(open(sys.argv[1], encoding="utf-8"))
nets = []

def add(network):
    if network not in nets:
        nets.append(network)

def host_of(endpoint):
    endpoint = endpoint.strip()
    if endpoint.startswith("["):
        return endpoint[1:endpoint.index("]")]
    return endpoint.rsplit(":", 1)[0] if endpoint.count(":") == 1 else endpoint

for i, sensor in enumerate(((cfg.get("Site") or {}).get("Sensors")) or []):
    if sensor.get("Enabled", True) is False:
        continue
    listen = sensor.get("Listen")
    if listen and str(sensor.get("Family", "")).lower() in ("sapient", "gsm"):
        try:
            ip = ipaddress.ip_address(host_of(str(listen)))
        except ValueError:
            fail(f"Site:Sensors:{i}:Listen: '{listen}' is not a numeric address")
        if ip.is_unspecified:
            fail(f"Site:Sensors:{i}:Listen: '{listen}' binds every interface; bind the sensor-network address")
        if not ip.is_loopback:
            add(ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 64}", strict=False))
    for peer in sensor.get("PeerAddresses") or []:
        add(ipaddress.ip_network(str(peer)))

mqtt = cfg.get("Mqtt") or {}
for endpoint in [mqtt.get("Host") or ""] + list(mqtt.get("FailoverHosts") or []):
    host = host_of(str(endpoint))
    if not host:
        continue
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = sorted({ipaddress.ip_address(a[4][0]) for a in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}, key=str)
        except OSError as e:
            fail(f"Mqtt: broker host '{host}' does not resolve ({e})")
    for ip in addresses:
        if not ip.is_loopback:
            add(ipaddress.ip_network(ip))

print(" ".join(["localhost"] + [str(n) for n in nets]))
PY
    )"; then
        say "warning: IPAddressAllow not rendered from $config (see above); the unit's example subnets stay"
        return 0
    fi
    mkdir -p "$DROPIN_DIR"
    printf '# Written by install.sh from %s; rendered again at every install.\n[Service]\nIPAddressAllow=\nIPAddressAllow=%s\n' \
        "${config#"$ROOT"}" "$allow" > "$dropin.new"
    chmod 0644 "$dropin.new"
    mv -f "$dropin.new" "$dropin"
    say "network allow-list: $allow"
}

install_config() {
    local shipped="$1/deploy/config/appsettings.json" target="$ETC/appsettings.json"
    local new_default old_default="" live
    new_default="$(sha256sum < "$shipped" | cut -d' ' -f1)"
    [ ! -f "$CONFIG_STAMP" ] || old_default="$(cat "$CONFIG_STAMP")"
    mkdir -p "$ETC/tls"
    own root "$SERVICE_USER" 0750 "$ETC" "$ETC/tls"
    if [ ! -e "$target" ]; then
        install -m 0640 "$shipped" "$target"
        say "installed default configuration $target"
    else
        live="$(sha256sum < "$target" | cut -d' ' -f1)"
        if [ "$live" = "$new_default" ]; then
            :
        elif [ -n "$old_default" ] && [ "$live" = "$old_default" ]; then
            install -m 0640 "$shipped" "$target"
            say "updated the untouched default configuration $target"
        elif [ "$new_default" != "$old_default" ]; then
            # Like a dpkg conffile: a technician's edits win; the new default is put beside it for comparison.
            install -m 0640 "$shipped" "$target.dist"
            say "kept the changed configuration $target; the new default is $target.dist"
        fi
    fi
    printf '%s\n' "$new_default" > "$CONFIG_STAMP"
    own root "$SERVICE_USER" 0640 "$target"
    [ ! -e "$target.dist" ] || own root "$SERVICE_USER" 0640 "$target.dist"
}

ensure_privacy_key() {
    local key="$ETC/privacy.key"
    if [ ! -e "$key" ]; then
        (umask 0377 && head -c 32 /dev/urandom > "$key")
        say "created privacy key $key (32 random bytes)"
    fi
    [ "$(stat -c %s "$key")" -ge 32 ] || die "$key is shorter than 32 bytes; move it away and run again to create a new one"
    own "$SERVICE_USER" "$SERVICE_USER" 0400 "$key"
}

ensure_dirs() {
    mkdir -p "$STATE" "$LOGS"
    own "$SERVICE_USER" "$SERVICE_USER" 0750 "$STATE" "$LOGS"
}

switch_links() {
    local to="$1" old=""
    [ -L "$OPT/current" ] && old="$(readlink "$OPT/current")"
    if [ "$old" = "releases/$to" ]; then
        return
    fi
    ln -sfn "releases/$to" "$OPT/.current.new"
    mv -Tf "$OPT/.current.new" "$OPT/current"
    if [ -n "$old" ]; then
        ln -sfn "$old" "$OPT/.previous.new"
        mv -Tf "$OPT/.previous.new" "$OPT/previous"
    fi
}

prune() {
    local keep_current keep_previous rel n=0
    keep_current="$(readlink "$OPT/current" 2>/dev/null || true)"
    keep_previous="$(readlink "$OPT/previous" 2>/dev/null || true)"
    # Newest first by install time; current and previous always stay.
    while IFS= read -r dir; do
        n=$((n + 1))
        rel="releases/$(basename "$dir")"
        if [ "$rel" != "$keep_current" ] && [ "$rel" != "$keep_previous" ] && [ "$n" -gt "$KEEP" ]; then
            rm -rf "$dir"
            say "removed old release $(basename "$dir")"
        fi
    done < <(find "$RELEASES" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
}

restart_service() {
    if [ "$STAGED" = 1 ]; then
        return
    fi
    if command -v udevadm >/dev/null; then
        udevadm control --reload-rules 2>/dev/null || true
    fi
    systemctl_ daemon-reload
    systemctl_ enable "$SERVICE.service" >/dev/null 2>&1
    if [ "$START" = 1 ]; then
        systemctl_ restart "$SERVICE.service"
        say "service restarted; follow it with: journalctl -u $SERVICE -f"
    fi
}

do_install() {
    [ -n "$FROM" ] || die "--from DIR is required (a publish directory, e.g. artifacts/publish/linux-arm64)"
    [ -x "$FROM/$SERVICE" ] || die "$FROM/$SERVICE is missing or not executable; run make publish first"
    for f in "systemd/$SERVICE.service" config/appsettings.json; do
        [ -f "$HERE/$f" ] || die "$HERE/$f is missing (run install.sh from a checkout or bundle that has deploy/)"
    done
    local version release
    version="$(release_version)"
    [[ "$version" =~ ^[A-Za-z0-9._+~-]+$ ]] || die "version '$version' is not a safe directory name; pass --version"
    release="$RELEASES/$version"
    with_lock
    ensure_users

    local staging="$RELEASES/.incoming-$version"
    rm -rf "$staging"
    mkdir -p "$staging/deploy"
    cp -a "$FROM/." "$staging/"
    for d in systemd config udev; do
        [ ! -d "$HERE/$d" ] || cp -a "$HERE/$d" "$staging/deploy/"
    done
    install -m 0755 "$HERE/install.sh" "$staging/deploy/install.sh"
    [ ! -d "$HERE/../docs" ] || { mkdir -p "$staging/docs" && cp -a "$HERE/../docs/." "$staging/docs/"; }
    chown -R 0:0 "$staging"
    chmod -R go-w "$staging"

    if [ -d "$release" ]; then
        if diff -rq "$staging" "$release" >/dev/null; then
            rm -rf "$staging"
            say "release $version is already installed"
        elif [ "$FORCE" = 1 ]; then
            rm -rf "$release"
            mv "$staging" "$release"
            say "replaced release $version (--force)"
        else
            rm -rf "$staging"
            die "release $version is installed with different content; pass --force or a new --version"
        fi
    else
        mv "$staging" "$release"
        say "unpacked release $version"
    fi

    # A new build must accept the configuration before it becomes current (not in a staged tree: foreign arch).
    if [ "$STAGED" = 0 ] && [ -e "$ETC/appsettings.json" ]; then
        if ! "$release/$SERVICE" --check-config --config "$ETC/appsettings.json"; then
            die "release $version rejects $ETC/appsettings.json (see above); current release left unchanged"
        fi
    fi

    install_config "$release"
    ensure_privacy_key
    ensure_dirs
    switch_links "$version"
    install_unit_from "$release"
    render_ip_allow
    render_capture_units
    prune
    restart_service
    if [ "$STAGED" = 1 ]; then
        say "current release: $version (staged in $ROOT)"
    else
        say "current release: $version"
    fi
}

do_rollback() {
    with_lock
    [ -L "$OPT/previous" ] || die "no previous release to roll back to"
    local cur prev
    cur="$(readlink "$OPT/current")"
    prev="$(readlink "$OPT/previous")"
    [ -d "$OPT/$prev" ] || die "previous release $OPT/$prev is gone"
    ln -sfn "$prev" "$OPT/.current.new"
    mv -Tf "$OPT/.current.new" "$OPT/current"
    ln -sfn "$cur" "$OPT/.previous.new"
    mv -Tf "$OPT/.previous.new" "$OPT/previous"
    install_unit_from "$OPT/$prev"
    restart_service
    say "rolled back from ${cur#releases/} to ${prev#releases/}"
}

do_uninstall() {
    if [ "$STAGED" = 0 ]; then
        systemctl_ disable --now "$SERVICE.service" >/dev/null 2>&1 || true
    fi
    rm -f "$UNIT" "$UDEV_RULE"
    local capture
    for capture in "${CAPTURE_UNITS[@]}"; do
        rm -f "$(dirname "$UNIT")/$capture"
    done
    rm -f "$WANTS_DIR/$SERVICE"-capture-*@*.service
    rmdir "$WANTS_DIR" 2>/dev/null || true
    rm -rf "$DROPIN_DIR" "$OPT"
    systemctl_ daemon-reload || true
    if [ "$PURGE" = 1 ]; then
        rm -rf "$ETC" "$STATE" "$LOGS"
        rm -f "$SYSUSERS"
        if awk -F: -v n="$SERVICE_USER" '$1 == n { found = 1 } END { exit !found }' "$ROOT/etc/passwd" 2>/dev/null; then
            userdel --root "${ROOT:-/}" "$SERVICE_USER"
        fi
        say "removed the gateway, its configuration, privacy key, journal, logs and user"
    else
        say "removed the gateway; kept $ETC, $STATE, $LOGS and the $SERVICE_USER user (use --purge to remove them)"
    fi
}

case "$MODE" in
    install) do_install ;;
    rollback) do_rollback ;;
    uninstall) do_uninstall ;;
esac
