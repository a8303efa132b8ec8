using System.Diagnostics;
using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Cli.Commands.Provision;
using Reintegratie.Edge.Cli.Tests.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Provision;

/// <summary>
/// The real first-boot script of a real bundle, run (as root, like on the gateway) against a temp folder standing for the
/// FAT boot partition and a temp target tree (FIRSTBOOT_ROOT): the keys are installed 0400 for the service user and none
/// is left on the boot partition, and the console says so (issue 15, item 8).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FirstBootKeyRemovalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("firstboot-").FullName;

    private string Boot => Path.Combine(_dir, "boot", "reintegratie-edge");

    private string Target => Path.Combine(_dir, "target");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task FirstBoot_BundleOnBootPartition_KeysInstalledPrivateAndRemovedFromBundle()
    {
        await ProvisionAsync();
        var bundleKeys = new[] { "privacy.key", "tls/client.key", "tls/sensor-link.key", "sensors/radar-1.key", "sensors/gsm-1.key" };
        Assert.All(bundleKeys, k => Assert.True(File.Exists(Path.Combine(Boot, k)), k));
        var privacy = await File.ReadAllBytesAsync(Path.Combine(Boot, "privacy.key"));
        var clientKey = await File.ReadAllTextAsync(Path.Combine(Boot, "tls", "client.key"));

        var (exit, output) = await RunFirstBootAsync();

        Assert.True(exit == 0, output);
        Assert.All(bundleKeys, k => Assert.False(File.Exists(Path.Combine(Boot, k)), $"{k} left on the boot partition"));
        Assert.Empty(Directory.EnumerateFiles(Boot, "*.key", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(Boot, "tls", "client.csr")), "public parts stay");
        var etc = Path.Combine(Target, "etc", "reintegratie-edge");
        Assert.Equal(privacy, await File.ReadAllBytesAsync(Path.Combine(etc, "privacy.key")));
        Assert.Equal(clientKey, await File.ReadAllTextAsync(Path.Combine(etc, "tls", "client.key")));
        var uid = ServiceUid();
        foreach (var key in new[] { "privacy.key", "tls/client.key", "tls/sensor-link.key" })
        {
            var owner = FileOwnershipOf(Path.Combine(etc, key));
            Assert.Equal((uid, "400"), owner);
        }

        Assert.False(File.Exists(Path.Combine(etc, "radar-1.key")), "a sensor's key never goes to the gateway");
        var console = await File.ReadAllTextAsync(Path.Combine(Target, "dev", "console"));
        Assert.Contains("key material removed from the boot partition: privacy.key tls/client.key tls/sensor-link.key sensors/", console, StringComparison.Ordinal);
        Assert.Contains("removed key material from the boot partition", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstBoot_RunTwice_SecondRunKeepsInstalledKeys()
    {
        await ProvisionAsync();
        var privacy = await File.ReadAllBytesAsync(Path.Combine(Boot, "privacy.key"));
        Assert.Equal(0, (await RunFirstBootAsync()).Exit);

        var (exit, output) = await RunFirstBootAsync();

        Assert.True(exit == 0, output);
        Assert.Equal(privacy, await File.ReadAllBytesAsync(Path.Combine(Target, "etc", "reintegratie-edge", "privacy.key")));
        Assert.DoesNotContain("removed key material", output, StringComparison.Ordinal);
    }

    private async Task ProvisionAsync()
    {
        var exit = await CliApp.RunAsync(
            ["provision", "--site", "pi-sittard", "--gateway", "gw-2", "--broker", "192.0.2.10:8883", "--out", Boot,
                "--config-template", ShippedConfigurationTests.DeployConfig("appsettings.json")],
            new CliConsole(new StringWriter(), new StringWriter(), TextReader.Null));
        Assert.Equal(0, exit);

        // What the technician adds before copying the folder to the card: signed certificates, the build and deploy/.
        foreach (var crt in new[] { "tls/client.crt", "tls/ca.crt", "tls/sensor-link.crt" })
        {
            await File.WriteAllTextAsync(Path.Combine(Boot, crt), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }

        var build = Directory.CreateDirectory(Path.Combine(Boot, "build")).FullName;
        foreach (var exe in new[] { "reintegratie-edge", "edgectl" })
        {
            await File.WriteAllTextAsync(Path.Combine(build, exe), "#!/bin/sh\necho 1.0.0\n");
            File.SetUnixFileMode(Path.Combine(build, exe), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await File.WriteAllTextAsync(Path.Combine(build, "VERSION"), "1.0.0\n");
        BundleWriter.CopyTree(DeployFiles.FindDeployDirectory() ?? throw new InvalidOperationException("no deploy/ folder in this checkout"), Path.Combine(Boot, "deploy"));
        Directory.CreateDirectory(Path.Combine(Target, "dev"));
    }

    private async Task<(int Exit, string Output)> RunFirstBootAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Boot, "firstboot.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FIRSTBOOT_ROOT"] = Target;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private int ServiceUid()
    {
        var line = File.ReadAllLines(Path.Combine(Target, "etc", "passwd")).Single(l => l.StartsWith("reintegratie-edge:", StringComparison.Ordinal));
        return int.Parse(line.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int Uid, string Mode) FileOwnershipOf(string path)
    {
        var owner = Commands.Doctor.FileOwnership.Read(path) ?? throw new InvalidOperationException($"cannot stat {path}");
        return (owner.Uid, Convert.ToString((int)owner.Mode, 8));
    }
}
