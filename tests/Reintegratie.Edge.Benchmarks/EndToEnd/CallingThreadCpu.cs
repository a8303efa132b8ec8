using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// CPU time of the calling thread (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond resolution): the journal
/// thread's own cost per event, which other agents' load on this machine barely distorts, unlike wall time.
/// </summary>
internal static partial class CallingThreadCpu
{
    private const int ClockThreadCpuTimeId = 3; // <linux/time.h>

    /// <summary>Microseconds of CPU the calling thread has used so far.</summary>
    public static double Microseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return (t.Seconds * 1e6) + (t.Nanoseconds / 1e3);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
