namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>The first-boot script of a bundle (bash, Raspberry Pi OS bookworm, run once as root).</summary>
public static class FirstBootScript
{
    /// <summary>The script for the bundle's gateway.</summary>
    public static string Render(ProvisionBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var ntp = string.Join(' ', bundle.NtpServers);
        return Template
            .Replace("@HOSTNAME@", bundle.HostName, StringComparison.Ordinal)
            .Replace("@SITE@", bundle.Site, StringComparison.Ordinal)
            .Replace("@GATEWAY@", bundle.Gateway, StringComparison.Ordinal)
            .Replace("@NTP@", ntp, StringComparison.Ordinal);
    }

    private const string Template = """
        #!/usr/bin/env bash
        # First boot of Reintegratie.Edge gateway @GATEWAY@ at site @SITE@ (Raspberry Pi OS bookworm, run as root).
        # Safe to run again. Written by `edgectl provision`; see docs/OPERATIONS.md.
        #
        # Read-only root: the gateway is meant to run with the root file system read-only (raspi-config overlay file
        # system) and its journal on a separate writable data partition labelled "edgedata", mounted at
        # /var/lib/reintegratie-edge. When such a partition exists this script adds it to /etc/fstab. Enable the overlay
        # only after `edgectl doctor` passes:  raspi-config nonint do_overlayfs 0  (then reboot); with ENABLE_OVERLAYFS=1
        # this script does it at the end. Configuration changes later need the overlay disabled (do_overlayfs 1).
        #
        # FIRSTBOOT_ROOT=DIR (tests, image staging) installs into the tree DIR instead of this system: install.sh --root,
        # no systemctl, hostname, NTP or partition changes, and the console message goes to DIR/dev/console.
        set -euo pipefail

        BUNDLE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        HOST_NAME="@HOSTNAME@"
        NTP_SERVERS="@NTP@"
        SERVICE=reintegratie-edge
        ROOT="${FIRSTBOOT_ROOT:-}"
        ETC="$ROOT/etc/reintegratie-edge"
        DATA="$ROOT/var/lib/reintegratie-edge"

        log() { printf 'firstboot: %s\n' "$*"; logger -t reintegratie-edge-firstboot -- "$*" 2>/dev/null || true; }
        die() { log "error: $*"; exit 1; }
        live() { [ -z "$ROOT" ]; } # this system, not a staged tree

        [ "$(id -u)" = 0 ] || die "run as root: sudo bash $0"
        [ -x "$BUNDLE/build/$SERVICE" ] || die "$BUNDLE/build/$SERVICE is missing: copy the linux-arm64 publish output to build/"
        [ -f "$BUNDLE/deploy/install.sh" ] || die "$BUNDLE/deploy/install.sh is missing: copy the release's deploy/ folder"

        # 1. Host name.
        mkdir -p "$ROOT/etc"
        if [ "$(cat "$ROOT/etc/hostname" 2>/dev/null)" != "$HOST_NAME" ]; then
            old="$(cat "$ROOT/etc/hostname" 2>/dev/null || true)"
            printf '%s\n' "$HOST_NAME" > "$ROOT/etc/hostname"
            if grep -q '^127\.0\.1\.1' "$ROOT/etc/hosts" 2>/dev/null; then
                sed -i "s/^127\.0\.1\.1.*/127.0.1.1\t$HOST_NAME/" "$ROOT/etc/hosts"
            else
                printf '127.0.1.1\t%s\n' "$HOST_NAME" >> "$ROOT/etc/hosts"
            fi
            ! live || hostname "$HOST_NAME" || true
            log "host name $old -> $HOST_NAME"
        fi

        # 2. Time. A Pi has no real-time clock and boots in 1970 (or at the last fake-hwclock save): TLS certificates are
        # then "not yet valid". systemd-timesyncd plus systemd-time-wait-sync make time-sync.target wait for a real NTP
        # synchronisation; the gateway's unit is ordered after time-sync.target.
        if [ -n "$NTP_SERVERS" ]; then
            mkdir -p "$ROOT/etc/systemd/timesyncd.conf.d"
            printf '[Time]\nNTP=%s\n' "$NTP_SERVERS" > "$ROOT/etc/systemd/timesyncd.conf.d/50-reintegratie-edge.conf"
        fi
        if live; then
            systemctl enable --now systemd-timesyncd.service
            systemctl enable systemd-time-wait-sync.service
            timedatectl set-ntp true || true
        fi

        # 3. Writable data partition for the journal (label "edgedata"), if present.
        if live && dev="$(blkid -L edgedata 2>/dev/null)" && [ -n "$dev" ]; then
            mkdir -p "$DATA"
            if ! grep -q '^LABEL=edgedata ' /etc/fstab; then
                printf 'LABEL=edgedata %s ext4 defaults,noatime,nodev,nosuid,noexec 0 2\n' "$DATA" >> /etc/fstab
                log "data partition $dev added to /etc/fstab at $DATA"
            fi
            mountpoint -q "$DATA" || mount "$DATA"
        else
            log "no partition labelled edgedata: the journal stays on the root file system (no read-only root possible)"
        fi

        # 4. Secrets first, so install.sh keeps them (it only creates a privacy key when there is none).
        install -d -m 0750 "$ETC" "$ETC/tls"
        # Safe to run again: on a second run the bundle's keys are gone (removed in 6b) and the installed ones stay.
        if [ -f "$BUNDLE/privacy.key" ]; then
            install -m 0400 "$BUNDLE/privacy.key" "$ETC/privacy.key"
        fi
        # The configuration too: install.sh keeps it and renders the unit's IPAddressAllow from it (not from the default).
        install -m 0640 "$BUNDLE/appsettings.json" "$ETC/appsettings.json"

        # 5. Install the build (creates the service user, installs the unit; does not start yet).
        bash "$BUNDLE/deploy/install.sh" --from "$BUNDLE/build" --no-start ${ROOT:+--root "$ROOT"}
        # Numeric ids from the tree's own account database (a staged tree's user is unknown to this system).
        SVC_UID="$(awk -F: -v u="$SERVICE" '$1 == u { print $3 }' "$ROOT/etc/passwd")"
        SVC_GID="$(awk -F: -v g="$SERVICE" '$1 == g { print $3 }' "$ROOT/etc/group")"
        [ -n "$SVC_UID" ] && [ -n "$SVC_GID" ] || die "install.sh did not create the $SERVICE account"

        # 6. This gateway's configuration and TLS files.
        install -o root -g "$SVC_GID" -m 0640 "$BUNDLE/appsettings.json" "$ETC/appsettings.json"
        if [ -f "$BUNDLE/tls/client.key" ]; then
            install -o "$SVC_UID" -g "$SVC_GID" -m 0400 "$BUNDLE/tls/client.key" "$ETC/tls/client.key"
        fi
        for f in client.crt ca.crt; do
            if [ -f "$BUNDLE/tls/$f" ]; then
                install -o root -g "$SVC_GID" -m 0644 "$BUNDLE/tls/$f" "$ETC/tls/$f"
            else
                log "warning: tls/$f is not in the bundle; the gateway cannot reach the broker until $ETC/tls/$f is placed"
            fi
        done
        # The sensor-network server certificate (SensorLinks:Tls), when the bundle has one.
        if [ -f "$BUNDLE/tls/sensor-link.key" ]; then
            install -o "$SVC_UID" -g "$SVC_GID" -m 0400 "$BUNDLE/tls/sensor-link.key" "$ETC/tls/sensor-link.key"
            install -o root -g "$SVC_GID" -m 0644 "$BUNDLE/tls/sensor-link.crt" "$ETC/tls/sensor-link.crt"
        fi

        # 6b. The bundle sits on the FAT boot partition, where file modes mean nothing: anyone who can read the card (or
        # mount it) could recover IMSIs with the privacy key or be the gateway with its client key. Installed copies now
        # exist under $ETC (mode 0400); remove every private key from the bundle and say so.
        removed=""
        for f in "$BUNDLE/privacy.key" "$BUNDLE"/tls/*.key "$BUNDLE"/sensors/*.key; do
            [ -e "$f" ] || continue
            shred -u "$f" 2>/dev/null || rm -f "$f"
            removed="$removed ${f#"$BUNDLE"/}"
        done
        sync
        if [ -n "$removed" ]; then
            log "removed key material from the boot partition:$removed (installed copies are in $ETC, mode 0400)"
            printf 'firstboot: key material removed from the boot partition:%s\n' "$removed" > "$ROOT/dev/console" 2>/dev/null || true
        fi

        if [ -d "$DATA" ]; then
            chown "$SVC_UID:$SVC_GID" "$DATA"
            chmod 0750 "$DATA"
        fi

        # 7. Also wait for NTP and the data partition in the unit (a drop-in survives upgrades of the unit file).
        mkdir -p "$ROOT/etc/systemd/system/$SERVICE.service.d"
        cat > "$ROOT/etc/systemd/system/$SERVICE.service.d/10-firstboot.conf" <<'UNIT'
        [Unit]
        Wants=time-sync.target
        After=time-sync.target
        RequiresMountsFor=/var/lib/reintegratie-edge
        UNIT
        if live; then
            systemctl daemon-reload
            systemctl enable "$SERVICE.service"
            # --no-block: the start waits for time-sync.target, which may take until the network is up.
            systemctl start --no-block "$SERVICE.service"
        fi
        log "installed; the service starts once the clock is synchronised. Check with: edgectl doctor --config $ETC/appsettings.json"

        # 8. When run from the kernel command line (systemd.run=), do not run again on the next boot.
        for cmdline in "$ROOT/boot/firmware/cmdline.txt" "$ROOT/boot/cmdline.txt"; do
            if [ -f "$cmdline" ] && grep -q 'systemd.run=' "$cmdline"; then
                sed -i 's| systemd\.run[^ ]*||g' "$cmdline"
            fi
        done

        if live && [ "${ENABLE_OVERLAYFS:-0}" = 1 ] && command -v raspi-config >/dev/null; then
            raspi-config nonint do_overlayfs 0
            log "read-only root (overlay) enabled; it takes effect after a reboot"
        fi

        """;
}
