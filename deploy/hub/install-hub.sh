#!/usr/bin/env bash
# Installs or upgrades the BIV hub (docs/HUB.md):
#   deploy/hub/install-hub.sh --from DIR [--root DIR] [--no-start]
# DIR is `dotnet publish src/Reintegratie.Edge.Hub -c Release -r linux-x64 --self-contained -o DIR`.
# Layout: /opt/reintegratie-hub/releases/<version>/ with a `current` symlink; configuration in /etc/reintegratie-hub/
# (*.json, read in name order: Hub:Database, Hub:Brokers:N, Hub:BrokerPassword ...; mode 0640, group reintegratie-hub).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT=""; FROM=""; START=1
while [ $# -gt 0 ]; do
    case "$1" in
        --from) FROM="${2:?--from needs a directory}"; shift 2 ;;
        --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
        --no-start) START=0; shift ;;
        *) echo "install-hub: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$FROM/reintegratie-hub" ] || { echo "install-hub: $FROM/reintegratie-hub is missing" >&2; exit 1; }
version="$(cat "$FROM/VERSION" 2>/dev/null || date -u +%Y%m%d%H%M%S)"
release="$ROOT/opt/reintegratie-hub/releases/$version"
mkdir -p "$release" "$ROOT/etc/reintegratie-hub" "$ROOT/usr/lib/sysusers.d" "$ROOT/etc/systemd/system"
cp -a "$FROM/." "$release/"
mkdir -p "$release/docs" && cp "$HERE/../docs/HUB.md" "$release/docs/" 2>/dev/null || true
ln -sfn "$release" "$ROOT/opt/reintegratie-hub/current"
echo "u reintegratie-hub - \"Reintegratie.Edge BIV hub\" /nonexistent" > "$ROOT/usr/lib/sysusers.d/reintegratie-hub.conf"
systemd-sysusers ${ROOT:+--root "$ROOT"} "$ROOT/usr/lib/sysusers.d/reintegratie-hub.conf"
install -m 0644 "$HERE/systemd/reintegratie-hub.service" "$ROOT/etc/systemd/system/reintegratie-hub.service"
if [ -z "$ROOT" ] && [ "$START" = 1 ]; then
    systemctl daemon-reload && systemctl enable --now reintegratie-hub.service
fi
echo "install-hub: $version installed in $release"
