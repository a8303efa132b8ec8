using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

/// <summary><c>edgectl doctor</c> checks the bodycam side folders as the gateway does at start: real directories, 0700, owned by the service user.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BodycamFolderCheckTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly DirectoryInfo _drop = Directory.CreateTempSubdirectory("doctor-bodycam-");

    [Fact]
    public void Run_SideFoldersAbsent_PassGatewayCreatesThem()
    {
        var results = Bodycam(Account(uid: 0));

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.All(results, r => Assert.Contains("does not exist yet", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_PrivateAndOwnedByServiceUser_Pass()
    {
        var owner = CreateSideFolders(Private);

        var results = Bodycam(Account(owner));

        Assert.All(results, r => Assert.Equal((CheckStatus.Pass, true), (r.Status, r.Message.Contains("private to the service user", StringComparison.Ordinal))));
    }

    [Fact]
    public void Run_QuarantineOpenToOthers_FailNamingFolderModeAndFix()
    {
        var owner = CreateSideFolders(Private);
        var quarantine = Path.Combine(_drop.FullName, "quarantine");
        File.SetUnixFileMode(quarantine, Private | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var failed = Assert.Single(Bodycam(Account(owner)), r => r.Status == CheckStatus.Fail);

        Assert.Contains(quarantine, failed.Message, StringComparison.Ordinal);
        Assert.Contains("mode 705", failed.Message, StringComparison.Ordinal);
        Assert.Contains("side_folder_unsafe", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0700 {quarantine}", failed.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OwnedBySomeoneElse_FailEverySideFolder()
    {
        var owner = CreateSideFolders(Private);

        var results = Bodycam(Account(owner + 4242));

        Assert.Equal(3, results.Count(r => r.Status == CheckStatus.Fail && r.Message.Contains($"owner uid {owner}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_ProcessedIsSymlink_Fail()
    {
        var elsewhere = Directory.CreateTempSubdirectory("doctor-elsewhere-");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_drop.FullName, "processed"), elsewhere.FullName);

            var failed = Bodycam(Account(uid: 0)).First(r => r.Status == CheckStatus.Fail);

            Assert.Contains("is a symbolic link", failed.Message, StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    public void Dispose() => _drop.Delete(recursive: true);

    private static UnixAccount Account(int uid) => new("reintegratie-edge", uid, new HashSet<int>(), new Dictionary<int, string>());

    private int CreateSideFolders(UnixFileMode mode)
    {
        foreach (var folder in new[] { "processed", Path.Combine("processed", "duplicates"), "quarantine" })
        {
            Directory.CreateDirectory(Path.Combine(_drop.FullName, folder), mode);
            File.SetUnixFileMode(Path.Combine(_drop.FullName, folder), mode); // the umask does not narrow what the test means
        }

        return FileOwnership.Read(Path.Combine(_drop.FullName, "quarantine"))!.Uid;
    }

    private List<CheckResult> Bodycam(UnixAccount account)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Id"] = "bodycam-1",
            ["Site:Sensors:0:Family"] = "Bodycam",
            ["Site:Sensors:0:DropFolder"] = _drop.FullName,
        }).Build();
        return [.. HardwareChecks.Run(configuration, account).Where(r => r.Check == "bodycam")];
    }
}
