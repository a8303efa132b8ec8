#!/usr/bin/env bash
# Exercises deploy/install.sh in a staged root: install twice (idempotent), systemd-analyze verify of the installed
# unit, a technician's config edit, upgrade, pruning, rollback, uninstall (data kept), reinstall (privacy key kept)
# and purge; checks the tree, owners and modes. Needs root (files are chowned to the service account).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
install_sh="$here/../install.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
checks=0
failures=0

ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); printf 'install-test: FAIL %s\n' "$*" >&2; }
check() { # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then ok; else fail "$what"; fi
}
# Owner names resolved from the staged passwd/group (the host may not know the service user).
staged_owner_mode() {
    local uid gid mode user group
    read -r uid gid mode < <(stat -c '%u %g %a' "$1")
    user="$(awk -F: -v i="$uid" '$3 == i { print $1; exit }' "$root/etc/passwd")"
    group="$(awk -F: -v i="$gid" '$3 == i { print $1; exit }' "$root/etc/group")"
    [ "$uid" != 0 ] || user=root
    [ "$gid" != 0 ] || group=root
    printf '%s:%s %s' "$user" "$group" "$mode"
}
expect_owner_mode() { # PATH EXPECTED
    local got
    got="$(staged_owner_mode "$1")"
    if [ "$got" = "$2" ]; then ok; else fail "$1 is $got, expected $2"; fi
}
expect_link() { # LINK TARGET
    local got
    got="$(readlink "$1" 2>/dev/null || echo '(none)')"
    if [ "$got" = "$2" ]; then ok; else fail "$1 -> $got, expected $2"; fi
}
snapshot() { # every path with owner, mode and content hash (lock file excluded)
    (cd "$root" && find . -path ./usr/lib/systemd -prune -o -name .install.lock -prune -o -printf '%p %U:%G %m %y %l\n' | sort
     cd "$root" && find . -path ./usr/lib/systemd -prune -o -type f ! -name .install.lock -print0 | sort -z | xargs -0 sha256sum)
}
run_install() { "$install_sh" --root "$root" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; return 1; }; }

[ "$(id -u)" = 0 ] || { echo "install-test: needs root (chown to the service account)" >&2; exit 1; }

# Two fake publish directories (the real binaries are not needed to test the layout).
for v in 1.0.0 2.0.0 3.0.0 4.0.0; do
    pub="$work/publish-$v"
    mkdir -p "$pub"
    printf '#!/bin/sh\necho "reintegratie-edge %s"\n' "$v" > "$pub/reintegratie-edge"
    printf '#!/bin/sh\necho "edgectl %s"\n' "$v" > "$pub/edgectl"
    chmod 0755 "$pub/reintegratie-edge" "$pub/edgectl"
    printf '%s\n' "$v" > "$pub/VERSION"
done
# systemd-analyze verify --root needs the distribution's units (sysinit.target, ...) inside the root.
mkdir -p "$root/usr/lib"
cp -a /usr/lib/systemd "$root/usr/lib/"

opt="$root/opt/reintegratie-edge"
etc="$root/etc/reintegratie-edge"

# 1. First install.
check "first install" run_install --from "$work/publish-1.0.0"
check "release 1.0.0 unpacked" test -x "$opt/releases/1.0.0/reintegratie-edge"
check "deploy files shipped with the release" test -f "$opt/releases/1.0.0/deploy/systemd/reintegratie-edge.service"
expect_link "$opt/current" releases/1.0.0
check "no previous after the first install" test ! -e "$opt/previous"
check "unit installed" cmp -s "$here/../systemd/reintegratie-edge.service" "$root/etc/systemd/system/reintegratie-edge.service"
for capture in reintegratie-edge-capture-wifi@.service reintegratie-edge-capture-bluetooth@.service; do
    check "capture unit $capture installed" cmp -s "$here/../systemd/$capture" "$root/etc/systemd/system/$capture"
done
check "no live source: no capture unit enabled" bash -c "! ls '$root'/etc/systemd/system/reintegratie-edge.service.wants/reintegratie-edge-capture-* 2>/dev/null"
check "udev rule installed" test -f "$root/etc/udev/rules.d/99-reintegratie-edge.rules"
check "sysusers declaration" grep -q '^u reintegratie-edge ' "$root/usr/lib/sysusers.d/reintegratie-edge.conf"
check "service user in staged passwd" grep -q '^reintegratie-edge:x:[0-9]*:[0-9]*:.*:/usr/sbin/nologin$' "$root/etc/passwd"
for g in gpio dialout spi; do
    check "service user in group $g" grep -Eq "^$g:x:[0-9]+:(.*,)?reintegratie-edge(,|$)" "$root/etc/group"
done
expect_owner_mode "$etc" "root:reintegratie-edge 750"
expect_owner_mode "$etc/tls" "root:reintegratie-edge 750"
expect_owner_mode "$etc/appsettings.json" "root:reintegratie-edge 640"
expect_owner_mode "$etc/privacy.key" "reintegratie-edge:reintegratie-edge 400"
check "privacy key is 32 bytes" test "$(stat -c %s "$etc/privacy.key")" = 32
expect_owner_mode "$root/var/lib/reintegratie-edge" "reintegratie-edge:reintegratie-edge 750"
expect_owner_mode "$root/var/log/reintegratie-edge" "reintegratie-edge:reintegratie-edge 750"
expect_owner_mode "$opt/releases/1.0.0/reintegratie-edge" "root:root 755"
check "default config installed" cmp -s "$here/../config/appsettings.json" "$etc/appsettings.json"
dropin="$root/etc/systemd/system/reintegratie-edge.service.d/20-ip-allow.conf"
# The shipped broker name does not resolve here: no allow-list is guessed, the unit's example line stays, and it says so.
check "unresolvable broker: no IPAddressAllow drop-in" test ! -e "$dropin"
check "unresolvable broker: warning names the host" grep -q "broker host 'biv-mqtt.pi-sittard.intern' does not resolve" "$work/last.log"
key_before="$(sha256sum < "$etc/privacy.key")"

# 2. Same version again: nothing changes.
before="$(snapshot)"
check "second install" run_install --from "$work/publish-1.0.0"
check "second install says already installed" grep -q 'already installed' "$work/last.log"
after="$(snapshot)"
if [ "$before" = "$after" ]; then ok; else fail "second install changed the tree:"; diff <(echo "$before") <(echo "$after") >&2 || true; fi

# 3. The installed unit would start: systemd-analyze verify resolves ExecStart inside the root.
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify" systemd-analyze --root="$root" verify reintegratie-edge.service
fi

# 4. A technician edits the configuration; an upgrade keeps it.
printf '{ "Mqtt": { "Host": "edited.example" } }\n' > "$etc/appsettings.json"
check "upgrade to 2.0.0" run_install --from "$work/publish-2.0.0"
expect_link "$opt/current" releases/2.0.0
expect_link "$opt/previous" releases/1.0.0
check "edited config kept" grep -q edited.example "$etc/appsettings.json"
check "unchanged default: no .dist" test ! -e "$etc/appsettings.json.dist"
check "privacy key untouched by upgrade" test "$(sha256sum < "$etc/privacy.key")" = "$key_before"
check "same version with other content is refused" bash -c "! '$install_sh' --root '$root' --from '$work/publish-1.0.0' --version 2.0.0 >/dev/null 2>&1"
expect_link "$opt/current" releases/2.0.0

# 5. Roll back, and forward again.
check "rollback" run_install --rollback
expect_link "$opt/current" releases/1.0.0
expect_link "$opt/previous" releases/2.0.0
check "rollback again (toggles)" run_install --rollback
expect_link "$opt/current" releases/2.0.0

# 6. Pruning keeps --keep releases, never current or previous. On the way: IPAddressAllow rendered from a site's
# configuration (sensor-link Listen subnets, a sensor's PeerAddresses, the broker and its failover node).
cat > "$etc/appsettings.json" <<'JSON'
{
  "Mqtt": { "Host": "192.0.2.10", "Port": 8883, "FailoverHosts": [ "192.0.2.11:8883" ] },
  "Site": { "Sensors": [
    { "Id": "radar-1", "Family": "Sapient", "Listen": "10.20.0.1:5020" },
    { "Id": "gsm-1", "Family": "Gsm", "Listen": "10.20.0.1:4100", "PeerAddresses": [ "10.30.0.7" ] },
    { "Id": "gsm-old", "Family": "Gsm", "Listen": "10.99.0.1:4100", "Enabled": false },
    { "Id": "rid-1", "Family": "RemoteId", "Port": "/dev/ttyUSB0" },
    { "Id": "rid-air", "Family": "RemoteId", "Format": "pcap", "Interface": "wlan1" },
    { "Id": "rid-bt", "Family": "RemoteId", "Format": "hci", "Interface": "hci0" },
    { "Id": "rid-off", "Family": "RemoteId", "Format": "hci", "Interface": "hci1", "Enabled": false } ] }
}
JSON
check "install 3.0.0" run_install --from "$work/publish-3.0.0"
wants="$root/etc/systemd/system/reintegratie-edge.service.wants"
expect_link "$wants/reintegratie-edge-capture-wifi@wlan1.service" ../reintegratie-edge-capture-wifi@.service
expect_link "$wants/reintegratie-edge-capture-bluetooth@hci0.service" ../reintegratie-edge-capture-bluetooth@.service
check "disabled live sensor: no capture unit" test ! -e "$wants/reintegratie-edge-capture-bluetooth@hci1.service"
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify of the capture units" systemd-analyze --root="$root" verify \
        reintegratie-edge-capture-wifi@wlan1.service reintegratie-edge-capture-bluetooth@hci0.service
fi
check "IPAddressAllow drop-in rendered" grep -qx 'IPAddressAllow=localhost 10.20.0.0/24 10.30.0.7/32 192.0.2.10/32 192.0.2.11/32' "$dropin"
check "IPAddressAllow drop-in resets the unit's list first" grep -qx 'IPAddressAllow=' "$dropin"
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify with the drop-in" systemd-analyze --root="$root" verify reintegratie-edge.service
fi
sed -i 's/"10.20.0.1:5020"/"0.0.0.0:5020"/' "$etc/appsettings.json"
touch -d '1 minute ago' "$opt/releases/1.0.0"
check "install 4.0.0 with --keep 2" run_install --from "$work/publish-4.0.0" --keep 2
check "Listen 0.0.0.0: refused with a warning" grep -q "Site:Sensors:0:Listen: '0.0.0.0:5020' binds every interface" "$work/last.log"
check "Listen 0.0.0.0: the last good allow-list stays" grep -qx 'IPAddressAllow=localhost 10.20.0.0/24 10.30.0.7/32 192.0.2.10/32 192.0.2.11/32' "$dropin"
check "old release 1.0.0 pruned" test ! -e "$opt/releases/1.0.0"
check "release 2.0.0 pruned" test ! -e "$opt/releases/2.0.0"
check "previous 3.0.0 kept" test -d "$opt/releases/3.0.0"
expect_link "$opt/current" releases/4.0.0
expect_link "$opt/previous" releases/3.0.0

# 7. Uninstall keeps data.
check "uninstall" run_install --uninstall
check "program removed" test ! -e "$opt"
check "unit removed" test ! -e "$root/etc/systemd/system/reintegratie-edge.service"
check "capture units removed" bash -c "! ls '$root'/etc/systemd/system/reintegratie-edge-capture-* '$root'/etc/systemd/system/reintegratie-edge.service.wants 2>/dev/null"
check "config kept" test -f "$etc/appsettings.json"
check "state kept" test -d "$root/var/lib/reintegratie-edge"
check "user kept" grep -q '^reintegratie-edge:' "$root/etc/passwd"

# 8. Reinstall after uninstall: the privacy key survives (pseudonyms stay comparable).
check "reinstall" run_install --from "$work/publish-1.0.0"
check "privacy key survived reinstall" test "$(sha256sum < "$etc/privacy.key")" = "$key_before"
check "edited config survived reinstall" grep -q 192.0.2.10 "$etc/appsettings.json"

# 9. Purge removes everything of ours.
check "purge" run_install --uninstall --purge
for p in "$opt" "$etc" "$root/var/lib/reintegratie-edge" "$root/var/log/reintegratie-edge" "$root/usr/lib/sysusers.d/reintegratie-edge.conf"; do
    check "$p purged" test ! -e "$p"
done
check "user purged" bash -c "! grep -q '^reintegratie-edge:' '$root/etc/passwd'"

if [ "$failures" = 0 ]; then
    echo "install-test: PASS $checks checks (install x2, verify, upgrade, IPAddressAllow, prune, rollback, uninstall, reinstall, purge)"
else
    echo "install-test: FAIL $failures of $checks checks" >&2
    exit 1
fi
