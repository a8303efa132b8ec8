#!/usr/bin/env python3
"""NativeAOT gateway memory and CPU at 1k ev/s, builds compared in alternating runs (docs/BENCHMARKS.md).
Alternating A/B: each build started, READY, then $PRFDT frames at 1k/s on its pty for SECS s; max VmRSS, RSS split at
the end, CPU % over the phase (utime+stime), GCs per minute (a uprobe on the GC from the build's .dbg symbols, when
perf and tracefs are there), smaps breakdown saved. usage: aot_rss_at_1k.py EXE1,EXE2 ROUNDS SECONDS [ENV1,ENV2 with K=V+K=V per build]; a real mosquitto on an
ephemeral port, a pty, no subscriber (the bench harness has one)"""
import os, sys, subprocess, time, statistics
import leanrig
exes = sys.argv[1].split(","); rounds = int(sys.argv[2]); secs = float(sys.argv[3])
envs = [dict(kv.split('=', 1) for kv in a.split('+')) if a else {} for a in (sys.argv[4].split(",") if len(sys.argv) > 4 else [""] * len(exes))]
def frame(n):
    t = time.gmtime(); body = "PRFDT,%02d%02d%02d.00,rf-1,BENCH1,45.0,%.1f,-60,%.1f,OCUSYNC,90" % (t.tm_hour, t.tm_min, t.tm_sec, ((n // 99998) - 900) / 10.0, (1 + n % 99998) / 10.0)
    c = 0
    for ch in body: c ^= ord(ch)
    return ("$%s*%02X\r\n" % (body, c)).encode()
broker, port = leanrig.start_broker()
res = []
for i in range(rounds * len(exes)):
    k = i % len(exes); exe = exes[k]
    g = leanrig.Gateway(exe, port, envs[k], 'lean-load-', 60)
    p = g.process; m = g.master
    g.close_slave(); open(os.path.join(os.environ.get("TMPDIR", "/tmp"), "aot_rss_at_1k.pid"), "w").write(str(p.pid))
    time.sleep(1)
    def ticks():
        st = open(f"/proc/{p.pid}/stat").read().rsplit(')', 1)[1].split(); return int(st[11]) + int(st[12])
    def status():
        return {l.split(':')[0]: int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith(("VmRSS", "RssAnon", "RssFile"))}
    gc_event = leanrig.gc_counter(exe)
    gcstat = subprocess.Popen(["perf", "stat", "-x,", "-e", gc_event, "-p", str(p.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) if gc_event else None
    t0 = time.monotonic(); c0 = ticks(); n = 0; maxrss = 0; maxanon = 0; nextsample = t0 + 0.25
    while True:
        now = time.monotonic(); el = now - t0
        if el >= secs: break
        due = int(el * 1000)
        if due > n:
            os.write(m, b"".join(frame(x) for x in range(n, due))); n = due
        if now >= nextsample:
            s = status(); maxrss = max(maxrss, s["VmRSS"]); maxanon = max(maxanon, s["RssAnon"]); nextsample += 0.25
        time.sleep(0.002)
    phase = time.monotonic() - t0
    cpu = (ticks() - c0) * 10 / 1000 / phase * 100
    gcs = float("nan")
    if gcstat:
        gcstat.send_signal(2); out = gcstat.communicate(timeout=10)[1]
        gcs = next((int(l.split(',')[0]) for l in out.splitlines() if gc_event in l and l.split(',')[0].isdigit()), float("nan")) * 60 / phase
    st = status(); maxrss = max(maxrss, st["VmRSS"])
    sm = subprocess.run(["python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "smaps_by_mapping.py"), str(p.pid)], capture_output=True, text=True).stdout
    open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"smaps-{os.path.basename(os.path.dirname(os.path.dirname(exe)))}-{envs[k] and '+'.join(envs[k]) or 'default'}-{i}.txt"), "w").write(sm)
    g.stop()
    r = (k, n, maxrss / 1024, st["RssAnon"] / 1024, st["RssFile"] / 1024, cpu, maxanon / 1024, gcs)
    res.append(r)
    print("%s %s frames %d maxRSS %.1f MB (end anon %.1f file %.1f; max anon %.1f) CPU %.1f %%  GCs/min %.0f  load %s" % (exe.split('/')[-3], envs[k], n, r[2], r[3], r[4], r[6], r[5], r[7], open('/proc/loadavg').read().split()[0]), flush=True)
broker.terminate()
for k, exe in enumerate(exes):
    med = lambda j: statistics.median(r[j] for r in res if r[0] == k)
    print("MEDIAN %s %s maxRSS %.1f anon %.1f file %.1f max anon %.1f CPU %.1f GCs/min %.0f" % (exe.split('/')[-3], envs[k], med(2), med(3), med(4), med(6), med(5), med(7)))
