#!/usr/bin/env python3
"""process_madvise(MADV_PAGEOUT) over a process's file-backed mappings (all, or those whose path contains argv[2])."""
import ctypes, os, sys, re
pid = int(sys.argv[1]); filt = sys.argv[2] if len(sys.argv) > 2 else '/'
libc = ctypes.CDLL(None, use_errno=True)
SYS_pidfd_open, SYS_process_madvise, MADV_PAGEOUT = 434, 440, 21
pidfd = libc.syscall(SYS_pidfd_open, pid, 0)
class iovec(ctypes.Structure): _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
n = 0
for line in open(f"/proc/{pid}/maps"):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
    if m and m.group(4).startswith('/') and filt in m.group(4) and 'w' not in m.group(3):
        a, b = int(m.group(1), 16), int(m.group(2), 16)
        v = iovec(a, b - a)
        r = libc.syscall(SYS_process_madvise, pidfd, ctypes.byref(v), 1, MADV_PAGEOUT, 0)
        n += 1 if r >= 0 else 0
print("paged out", n, "mappings", "errno", ctypes.get_errno())
