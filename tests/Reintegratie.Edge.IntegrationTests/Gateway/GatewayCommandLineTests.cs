using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>The real gateway process: --version, --check-config and the exit 78 contract.</summary>
public sealed class GatewayCommandLineTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-cli-").FullName;

    [Fact]
    public void Version_PrintsNameAndVersion_ExitZero()
    {
        var (code, stdout, _) = ChildProcess.Run(RepoPaths.Gateway, ["--version"], s_timeout);

        Assert.Equal(0, code);
        Assert.StartsWith("reintegratie-edge ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_UnknownAdjacentZone_Exit78NamingTheKey()
    {
        var config = Write("bad.json", """{"Site":{"Name":"t","Zones":[{"Id":"Z1","Adjacent":["Z9"]}]}}""");

        var (code, _, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Site:Zones:0:Adjacent:0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_WrongTypeForAKey_Exit78NamingTheKey()
    {
        var config = Write("type.json", """{"Site":{"Name":"t","Zones":[{"Id":"Z1"}]},"Pipeline":{"Capacity":"many"}}""");

        var (code, _, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Pipeline:Capacity", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_MissingConfigFile_Exit78()
    {
        var (code, _, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--check-config", "--config", Path.Combine(_dir, "nope.json"), "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("nope.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_ValidSite_ExitZero()
    {
        var config = Write("good.json", """{"Site":{"Name":"t","Zones":[{"Id":"Z1"},{"Id":"Z2","Adjacent":["Z1"]}]}}""");

        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_ExitUsage()
    {
        var (code, _, stderr) = ChildProcess.Run(RepoPaths.Gateway, ["--frobnicate"], s_timeout);

        Assert.Equal(64, code);
        Assert.Contains("--frobnicate", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
