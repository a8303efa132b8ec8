using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// Reads the kernel clock state with adjtimex(2) in read-only mode (<c>modes = 0</c>): works without systemd and
/// without privileges. The return value TIME_ERROR (5) or the STA_UNSYNC status bit means no NTP daemon has
/// synchronised the clock (adjtimex(2), "RETURN VALUE" and "status").
/// </summary>
public sealed class AdjtimexClockProbe : IClockSyncProbe
{
    private const int TimeError = 5;
    private const int StaUnsync = 0x0040;

    // struct timex on LP64 Linux (x86-64, arm64): modes (u32) at 0, then 4 bytes padding, offset, freq, maxerror and
    // esterror (long, 8 bytes each) at 8..39, status (int) at 40. The buffer is larger than the struct on every ABI.
    private const int StatusOffset = 40;
    private const int MaxErrorOffset = 24;

    /// <inheritdoc />
    public ClockSync Probe()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return new ClockSync(false, "adjtimex is only read on 64-bit Linux");
        }

        var timex = new byte[512];
        var state = Adjtimex(timex);
        if (state < 0)
        {
            return new ClockSync(false, $"adjtimex failed (errno {Marshal.GetLastPInvokeError()})");
        }

        var status = BinaryPrimitives.ReadInt32LittleEndian(timex.AsSpan(StatusOffset));
        var maxErrorUs = BinaryPrimitives.ReadInt64LittleEndian(timex.AsSpan(MaxErrorOffset));
        var unsync = state == TimeError || (status & StaUnsync) != 0;
        return new ClockSync(!unsync, unsync
            ? $"adjtimex: state {state}, STA_UNSYNC {((status & StaUnsync) != 0 ? "set" : "clear")}"
            : $"adjtimex: synchronised, maximum error {maxErrorUs / 1000.0:0.#} ms");
    }

    // DllImport, not LibraryImport: a byte[] is blittable and pinned, so no unsafe code is needed in this project.
    [DllImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Adjtimex([In, Out] byte[] timex);
}
