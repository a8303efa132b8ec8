"""What the NativeAOT measuring scripts share (aot_start_cpu.py, aot_rss_at_1k.py): a real mosquitto on an ephemeral
port, and one gateway started on a fresh pty with its own journal, READY=1 read from its NOTIFY_SOCKET."""
import json, os, socket, subprocess, tempfile, time


def start_broker():
    """A mosquitto on 127.0.0.1 and a free port: (process, port)."""
    sk = socket.socket(); sk.bind(("127.0.0.1", 0)); port = sk.getsockname()[1]; sk.close()
    bd = tempfile.mkdtemp(prefix='lean-mosq-')
    open(bd + "/m.conf", "w").write(f"listener {port} 127.0.0.1\nallow_anonymous true\n")
    broker = subprocess.Popen(["mosquitto", "-c", bd + "/m.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return broker, port


class Gateway:
    """One gateway run: an RF detector on a new pty (master fd `master`, raw), drone events to MQTT, its own journal."""

    def __init__(self, exe, port, env, prefix, ready_timeout):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.master, self._slave = os.openpty()
        pty = os.ttyname(self._slave)
        import tty; tty.setraw(self.master)
        cfg = {"Site": {"Name": "bench", "Zones": [{"Id": "Z1", "Name": "N"}],
                        "Sectors": [{"Sensor": "rf-1", "FromDeg": 0, "ToDeg": 360, "Zone": "Z1"}],
                        "Sensors": [{"Id": "rf-1", "Family": "RfDetector", "Zone": "Z1", "Port": pty, "ReportingSeconds": 60}]},
               "Mqtt": {"Host": "127.0.0.1", "Port": port, "AllowInsecure": True, "Site": "bench", "Gateway": "gw1",
                        "Events": {"Enabled": True, "Kinds": ["drone"], "QueueCapacity": 65536}},
               "Journal": {"Path": self.dir + "/journal.db"}, "Logging": {"LogLevel": {"Default": "Warning"}}}
        open(self.dir + "/gateway.json", "w").write(json.dumps(cfg))
        sp = self.dir + "/notify"
        ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ns.bind(sp); ns.settimeout(ready_timeout)
        self.started = time.monotonic()
        self.process = subprocess.Popen([exe, "--config", self.dir + "/gateway.json", "--state-dir", self.dir],
                                        env=dict(os.environ, NOTIFY_SOCKET=sp, **env), stdout=subprocess.DEVNULL,
                                        stderr=open(self.dir + "/err", "w"), cwd=self.dir)
        while "READY=1" not in ns.recv(4096).decode():
            pass
        self.ready_ms = (time.monotonic() - self.started) * 1000
        self.pid = self.process.pid

    def close_slave(self):
        """Closes this side's copy of the pty's slave (the gateway holds its own)."""
        if self._slave is not None:
            os.close(self._slave); self._slave = None

    def stop(self):
        self.process.terminate(); self.process.wait(30)
        self.close_slave(); os.close(self.master)
        return self.process.returncode


def gc_counter(exe):
    """A uprobe on the NativeAOT GC's `garbage_collect` (one hit per GC), from the build's `.dbg` symbols: returns the
    perf event name, or None when no symbols or tracefs are found. Count with `perf stat -e EVENT -p PID`."""
    import glob, re, hashlib
    name = os.path.basename(exe)
    here = os.path.dirname(os.path.abspath(exe))
    dbg = next((p for p in [exe + ".dbg", os.path.join(here, "..", "symbols", name + ".dbg")] + glob.glob(os.path.join(here, "..", "..", "symbols", "*", name + ".dbg")) if os.path.exists(p)), None)
    tracefs = "/sys/kernel/tracing"
    if dbg is None or not os.path.exists(tracefs + "/uprobe_events"):
        return None
    nm = subprocess.run(["nm", "-C", dbg], capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]+) t WKS::gc_heap::garbage_collect\(int\)$", nm, re.M)
    if not m:
        return None
    vaddr = int(m.group(1), 16)
    for line in subprocess.run(["readelf", "-lW", exe], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 7 and f[0] == "LOAD" and "E" in f[6:-1] and int(f[2], 16) <= vaddr < int(f[2], 16) + int(f[5], 16):
            offset = vaddr - int(f[2], 16) + int(f[1], 16)
            event = "gc" + hashlib.sha1(os.path.abspath(exe).encode()).hexdigest()[:10]
            if ("edgemem/" + event) not in open(tracefs + "/uprobe_events").read():
                fd = os.open(tracefs + "/uprobe_events", os.O_WRONLY | os.O_APPEND)  # tracefs refuses Python's buffered append
                os.write(fd, f"p:edgemem/{event} {os.path.abspath(exe)}:{offset:#x}\n".encode()); os.close(fd)
            return "edgemem:" + event
    return None
