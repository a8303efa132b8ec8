#!/usr/bin/env python3
"""NativeAOT start cost (docs/BENCHMARKS.md): usage aot_start_cpu.py EXE1[,EXE2...] N [K=V...]; each build started N times,
alternating, against a real mosquitto on an ephemeral port; READY=1 read from NOTIFY_SOCKET; print wall ms to READY=1, CPU ms (schedstat sum over threads, and stat ticks), threads, RSS."""
import os, sys, socket, subprocess, tempfile, time, json, glob, statistics
exe = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
extra_env = dict(kv.split('=',1) for kv in sys.argv[3:])
res = []
sk = socket.socket(); sk.bind(("127.0.0.1", 0)); port = sk.getsockname()[1]; sk.close()
bd = tempfile.mkdtemp(prefix='lean-mosq-'); open(bd + "/m.conf", "w").write(f"listener {port} 127.0.0.1\nallow_anonymous true\n")
broker = subprocess.Popen(["mosquitto", "-c", bd + "/m.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); time.sleep(0.5)
exes = exe.split(",")
for i in range(n * len(exes)):
    exe = exes[i % len(exes)]
    d = tempfile.mkdtemp(prefix='lean-start-')
    m, s = os.openpty(); pty = os.ttyname(s)
    cfg = {"Site": {"Name": "bench", "Zones": [{"Id": "Z1", "Name": "N"}],
           "Sectors": [{"Sensor": "rf-1", "FromDeg": 0, "ToDeg": 360, "Zone": "Z1"}],
           "Sensors": [{"Id": "rf-1", "Family": "RfDetector", "Zone": "Z1", "Port": pty, "ReportingSeconds": 60}]},
           "Mqtt": {"Host": "127.0.0.1", "Port": port, "AllowInsecure": True, "Site": "bench", "Gateway": "gw1",
                    "Events": {"Enabled": True, "Kinds": ["drone"], "QueueCapacity": 65536}},
           "Journal": {"Path": d + "/journal.db"}, "Logging": {"LogLevel": {"Default": "Warning"}}}
    open(d + "/gateway.json", "w").write(json.dumps(cfg))
    sp = d + "/notify"; ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ns.bind(sp); ns.settimeout(30)
    env = dict(os.environ, NOTIFY_SOCKET=sp, **extra_env)
    t0 = time.monotonic()
    p = subprocess.Popen([exe, "--config", d + "/gateway.json", "--state-dir", d], env=env, stdout=subprocess.DEVNULL, stderr=open(d + "/err", "w"), cwd=d)
    while True:
        msg = ns.recv(4096).decode()
        if "READY=1" in msg: break
    wall = (time.monotonic() - t0) * 1000
    sched = 0
    for t in glob.glob(f"/proc/{p.pid}/task/*/schedstat"):
        try: sched += int(open(t).read().split()[0])
        except OSError: pass
    st = open(f"/proc/{p.pid}/stat").read().rsplit(')', 1)[1].split()
    ticks = int(st[11]) + int(st[12])
    nthreads = len(os.listdir(f"/proc/{p.pid}/task"))
    time.sleep(2)
    rss = {l.split(':')[0]: int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith(("VmRSS", "RssAnon", "RssFile"))}
    p.terminate(); p.wait(30)
    os.close(m); os.close(s)
    res.append((exe, wall, sched / 1e6, ticks * 10, nthreads, rss["VmRSS"] / 1024, rss["RssAnon"] / 1024, rss["RssFile"] / 1024))
    print("%s wall %.0f ms  cpu(schedstat) %.1f ms  cpu(ticks) %d ms  threads %d  idle RSS %.1f MB (anon %.1f file %.1f)  rc %s" % (*res[-1], p.returncode), flush=True)
broker.terminate()
for e in exes:
  med = lambda k: statistics.median(r[k] for r in res if r[0] == e)
  print(e.split("/")[-3], "MEDIAN wall %.0f cpu %.1f ticks %.0f threads %d rss %.1f anon %.1f file %.1f  load %s" % (med(1), med(2), med(3), med(4), med(5), med(6), med(7), open('/proc/loadavg').read().split()[0]))
