using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// Reads a GPIO chip's line count and a line's consumer through the GPIO character device v1 ioctls
/// (linux/gpio.h: GPIO_GET_CHIPINFO_IOCTL, GPIO_GET_LINEINFO_IOCTL), which Debian 12 and Raspberry Pi OS kernels
/// provide (CONFIG_GPIO_CDEV_V1). Best effort: null when the ioctl is not available.
/// </summary>
public static class GpioChipInfo
{
    // _IOR(0xB4, 0x01, struct gpiochip_info): name[32], label[32], u32 lines = 68 bytes.
    private const uint ChipInfoIoctl = 0x8044B401;

    // _IOWR(0xB4, 0x02, struct gpioline_info): u32 line_offset, u32 flags, name[32], consumer[32] = 72 bytes.
    private const uint LineInfoIoctl = 0xC048B402;

    // GPIOLINE_FLAG_KERNEL: the line is requested by the kernel or a user-space program.
    private const uint FlagInUse = 1;

    /// <summary>Number of lines and label of the chip, or null.</summary>
    public static (int Lines, string Label)? Chip(string device)
    {
        var buffer = new byte[68];
        if (!Ioctl(device, ChipInfoIoctl, buffer))
        {
            return null;
        }

        return ((int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(64)), CString(buffer.AsSpan(32, 32)));
    }

    /// <summary>Whether the line is in use and by whom, or null.</summary>
    public static (bool InUse, string Consumer)? Line(string device, int offset)
    {
        var buffer = new byte[72];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)offset);
        if (!Ioctl(device, LineInfoIoctl, buffer))
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4));
        return ((flags & FlagInUse) != 0, CString(buffer.AsSpan(40, 32)));
    }

    private static bool Ioctl(string device, uint request, byte[] buffer)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using SafeFileHandle handle = File.OpenHandle(device, FileMode.Open, FileAccess.Read);
            return IoctlNative((int)handle.DangerousGetHandle(), request, buffer) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
    }

    // DllImport, not LibraryImport: a byte[] is blittable and pinned, so no unsafe code is needed in this project.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int IoctlNative(int fd, nuint request, [In, Out] byte[] argument);
}
