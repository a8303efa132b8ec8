#!/usr/bin/env python3
"""Runs a program under the kernel's memory-deny-write-execute (prctl PR_SET_MDWE, Linux 6.3+), which systemd applies
for MemoryDenyWriteExecute=yes where the kernel has it: no mapping may become executable after it was writable.

    deploy/test/mdwe-exec.py PROGRAM [ARGS...]

The NativeAOT gateway runs under it; a JIT build dies at start (SIGSEGV), which is why the unit could not set it before.
Exit 2 when the kernel refuses the setting (older than 6.3): nothing is run then.
"""
import ctypes
import os
import sys

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1

if len(sys.argv) < 2:
    sys.exit(__doc__)
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    print(f"mdwe-exec: prctl(PR_SET_MDWE) failed, errno {ctypes.get_errno()} (Linux 6.3 or newer needed)", file=sys.stderr)
    sys.exit(2)
os.execv(sys.argv[1], sys.argv[1:])
