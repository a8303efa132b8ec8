using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// The native (C library) heap under SQLite, OpenSSL and the runtime: one malloc arena for the whole process.
/// </summary>
/// <remarks>
/// glibc gives a thread that finds the main arena locked an arena of its own, up to 8 per core, each a 64 MB
/// reservation whose touched pages stay resident. The gateway's native allocations are few and come mostly from the
/// journal thread (SQLite) and OpenSSL, so contention is rare and a second arena only holds memory: at 1k ev/s one
/// arena measured 0.3 MB less resident memory with no CPU change (docs/BENCHMARKS.md, 'NativeAOT resident memory').
/// mallopt(3): "M_ARENA_MAX ... the limit on the number of arenas that can be created". Set before the gateway starts
/// its threads; arenas already created stay. Not glibc (musl has no mallopt): nothing is done.
/// </remarks>
internal static partial class NativeHeap
{
    private const int MArenaMax = -8; // M_ARENA_MAX, glibc malloc/malloc.h

    /// <summary>Limits glibc to one malloc arena; true when glibc took the setting.</summary>
    public static bool UseOneArena()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MArenaMax, 1) == 1; // mallopt returns 1 on success, 0 on error
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
