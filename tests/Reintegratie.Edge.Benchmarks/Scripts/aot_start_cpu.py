#!/usr/bin/env python3
"""NativeAOT start cost (docs/BENCHMARKS.md): usage aot_start_cpu.py EXE1[,EXE2...] N [K=V...]; each build started N times,
alternating, against a real mosquitto on an ephemeral port; READY=1 read from NOTIFY_SOCKET; print wall ms to READY=1, CPU ms (schedstat sum over threads, and stat ticks), threads, RSS."""
import os, sys, time, glob, statistics
import leanrig
exe = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
extra_env = dict(kv.split('=',1) for kv in sys.argv[3:])
res = []
broker, port = leanrig.start_broker()
exes = exe.split(",")
for i in range(n * len(exes)):
    exe = exes[i % len(exes)]
    g = leanrig.Gateway(exe, port, extra_env, 'lean-start-', 30)
    p = g.process; wall = g.ready_ms
    sched = 0
    for t in glob.glob(f"/proc/{p.pid}/task/*/schedstat"):
        try: sched += int(open(t).read().split()[0])
        except OSError: pass
    st = open(f"/proc/{p.pid}/stat").read().rsplit(')', 1)[1].split()
    ticks = int(st[11]) + int(st[12])
    nthreads = len(os.listdir(f"/proc/{p.pid}/task"))
    time.sleep(2)
    rss = {l.split(':')[0]: int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith(("VmRSS", "RssAnon", "RssFile"))}
    g.stop()
    res.append((exe, wall, sched / 1e6, ticks * 10, nthreads, rss["VmRSS"] / 1024, rss["RssAnon"] / 1024, rss["RssFile"] / 1024))
    print("%s wall %.0f ms  cpu(schedstat) %.1f ms  cpu(ticks) %d ms  threads %d  idle RSS %.1f MB (anon %.1f file %.1f)  rc %s" % (*res[-1], p.returncode), flush=True)
broker.terminate()
for e in exes:
  med = lambda k: statistics.median(r[k] for r in res if r[0] == e)
  print(e.split("/")[-3], "MEDIAN wall %.0f cpu %.1f ticks %.0f threads %d rss %.1f anon %.1f file %.1f  load %s" % (med(1), med(2), med(3), med(4), med(5), med(6), med(7), open('/proc/loadavg').read().split()[0]))
