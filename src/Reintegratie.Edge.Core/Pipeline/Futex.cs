using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// Linux futex wait and wake on a 32-bit word that never moves (a pinned array element): the cheapest way for a thread
/// to sleep until another changes the word. One system call to sleep, one to wake, no lock on either side.
/// </summary>
/// <remarks>
/// Why not <see cref="Monitor"/>: a monitor wait and pulse take the monitor on both sides, and the woken thread must
/// take it again while the waker may still hold it, so it spins with <c>sched_yield</c>; underneath, the runtime's
/// event is a pthread mutex and condition variable (more futex calls). On the 2-core PVM guest every system call and
/// every yield is a world switch. futex(2): "FUTEX_WAIT ... tests that the value at the futex word pointed to by the
/// address uaddr still contains the expected value val, and if so, then sleeps"; that test is atomic with the sleep,
/// so a wake between the caller's check and its sleep is never lost.
/// </remarks>
internal static unsafe partial class Futex
{
    private const int FutexWaitPrivate = 0 | 128; // FUTEX_WAIT | FUTEX_PRIVATE_FLAG (the word is never shared across processes)
    private const int FutexWakePrivate = 1 | 128; // FUTEX_WAKE | FUTEX_PRIVATE_FLAG

    // SYS_futex: arch/x86/entry/syscalls/syscall_64.tbl 202; include/uapi/asm-generic/unistd.h (arm64) 98.
    private static readonly long s_sysFutex = !OperatingSystem.IsLinux() ? -1 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => -1,
    };

    /// <summary>True on Linux x64 and arm64 (what the gateway ships for); elsewhere callers fall back to a monitor.</summary>
    public static bool IsSupported => s_sysFutex > 0;

    /// <summary>
    /// Sleeps while <paramref name="word"/> holds <paramref name="expected"/>, until woken, interrupted or (when
    /// <paramref name="timeoutMs"/> is not negative) timed out. May return spuriously: the caller looks again.
    /// </summary>
    public static void Wait(int* word, int expected, int timeoutMs)
    {
        if (timeoutMs < 0)
        {
            _ = Syscall(s_sysFutex, word, FutexWaitPrivate, expected, null);
            return;
        }

        var timeout = new Timespec { Seconds = timeoutMs / 1000, Nanoseconds = timeoutMs % 1000 * 1_000_000L };
        _ = Syscall(s_sysFutex, word, FutexWaitPrivate, expected, &timeout); // relative timeout for FUTEX_WAIT
    }

    /// <summary>Wakes at most one thread sleeping on <paramref name="word"/>.</summary>
    public static void WakeOne(int* word) => _ = Syscall(s_sysFutex, word, FutexWakePrivate, 1, null);

    // long syscall(long number, ...): the variadic integer arguments travel in the same registers as named ones on
    // x86-64 System V and on Linux arm64 (AAPCS64), and glibc's syscall is assembly that only moves them. The result
    // (0, or -1 with errno EAGAIN, EINTR or ETIMEDOUT) is not needed: every caller re-checks its condition.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int* word, int operation, int value, Timespec* timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
