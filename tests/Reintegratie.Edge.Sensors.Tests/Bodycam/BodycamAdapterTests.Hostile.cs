using System.Diagnostics;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Bodycam;

namespace Reintegratie.Edge.Sensors.Tests.Bodycam;

/// <summary>What someone with write access to the drop folder can plant (issue 15): none of it blocks, crashes or writes through.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class BodycamAdapterTests
{
    [Fact]
    public async Task Run_FifoSidecar_QuarantinedAndNextFileServed()
    {
        await using var run = await StartAsync();
        MkFifo(Path.Combine(Drop, "zz.json"));

        File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json());

        await WaitForAsync(() => run.Adapter.Published == 1 && run.Adapter.Quarantined == 1);
        Assert.Contains("not a regular file", File.ReadAllText(Path.Combine(Drop, "quarantine", "zz.json.reason")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SymlinkToDevZero_QuarantinedNotRead()
    {
        await using var run = await StartAsync();

        File.CreateSymbolicLink(Path.Combine(Drop, "zero.json"), "/dev/zero");

        await WaitForAsync(() => run.Adapter.Quarantined == 1);
        Assert.Contains("symbolic link", File.ReadAllText(Path.Combine(Drop, "quarantine", "zero.json.reason")), StringComparison.Ordinal);
        Assert.Empty(_sink.OfKind(EventKind.Bodycam));
    }

    [Fact]
    public async Task Run_PlantedReasonSymlink_TargetNeverWritten()
    {
        var victim = Path.Combine(_dir.Path, "..", $"victim-{Guid.NewGuid():N}.txt");
        File.WriteAllText(victim, "precious");
        try
        {
            Directory.CreateDirectory(Path.Combine(Drop, "quarantine"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(Path.Combine(Drop, "quarantine", "x.json.reason"), victim);
            await using var run = await StartAsync();

            File.WriteAllText(Path.Combine(Drop, "x.json"), "{ not json");

            await WaitForAsync(() => run.Adapter.Quarantined == 1);
            Assert.Equal("precious", File.ReadAllText(victim));
            Assert.True(File.Exists(Path.Combine(Drop, "quarantine", "x.1.json.reason")));
        }
        finally
        {
            File.Delete(victim);
        }
    }

    [Fact]
    public async Task Run_QuarantineFolderOpenToOthers_FaultNothingMoved()
    {
        Directory.CreateDirectory(Path.Combine(Drop, "quarantine"));
        File.SetUnixFileMode(Path.Combine(Drop, "quarantine"), (UnixFileMode)0x1FF); // 0777
        File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json());

        await using var run = await StartAsync(dropFolder: Drop);

        await WaitForAsync(() => run.Health.Snapshot()[0].Reason == "side_folder_unsafe");
        Assert.True(File.Exists(Path.Combine(Drop, "a.json")));
        Assert.Equal(0, run.Adapter.Published);
    }

    private static void MkFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
