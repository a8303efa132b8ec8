using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary><c>Journal:Sync</c> through the real executable's <c>--check-config</c>: both modes accepted, anything else exit 78 naming the key.</summary>
public sealed class JournalSyncConfigTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-sync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Group", 0, "configuration valid")]
    [InlineData("EachCommit", 0, "configuration valid")]
    [InlineData("Fast", 78, "Journal:Sync")]
    [InlineData("OFF", 78, "Journal:Sync")]
    public void CheckConfig_JournalSync_ModesAcceptedAnythingElseNamed(string sync, int expectedCode, string expected)
    {
        var config = Path.Combine(_dir, "sync.json");
        File.WriteAllText(config, $$$"""{"Mqtt":{"Embedded":true},"Journal":{"Sync":"{{{sync}}}"},"Site":{"Name":"t","Zones":[{"Id":"Z1"}],"Sensors":[{"Id":"f1","Family":"Perimeter","Zone":"Z1","Line":4}]}}""");

        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(expectedCode == code, stdout + stderr);
        Assert.Contains(expected, stdout + stderr, StringComparison.Ordinal);
    }
}
