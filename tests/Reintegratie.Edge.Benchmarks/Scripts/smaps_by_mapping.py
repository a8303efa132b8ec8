#!/usr/bin/env python3
"""RSS of a process by mapping: per file, [heap], [stack], anonymous grouped by size; plus thread count."""
import sys, re, collections, os
pid = sys.argv[1]
cur = None; agg = collections.Counter(); anon_sizes = collections.Counter()
for line in open(f"/proc/{pid}/smaps"):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
    if m:
        size = (int(m.group(2), 16) - int(m.group(1), 16)) // 1024
        name = m.group(4) or ''
        perms = m.group(3)
        key = os.path.basename(name) if name.startswith('/') else (name or 'anon')
        cur = (key, perms, size); continue
    if line.startswith('Rss:') and cur:
        kb = int(line.split()[1])
        key, perms, size = cur
        if key == 'anon':
            bucket = 'anon %s %s' % (perms, 'stack-ish(<=8M+guard)' if size in (8192, 8196, 1536, 1540) else ('%d MB map' % (size // 1024) if size >= 1024 else '<1MB maps'))
            agg[bucket] += kb
        else:
            agg[f"{key} {perms}"] += kb
tot = sum(agg.values())
for k, v in agg.most_common(40):
    if v >= 64: print("%8.2f MB  %s" % (v / 1024, k))
print("%8.2f MB  total; threads %d" % (tot / 1024, len(os.listdir(f'/proc/{pid}/task'))))
for t in sorted(os.listdir(f'/proc/{pid}/task'), key=int):
    print(open(f'/proc/{pid}/task/{t}/comm').read().strip(), end=', ')
print()
