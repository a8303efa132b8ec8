using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Cli.Tests.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Provision;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("provision-").FullName;

    private string Out => Path.Combine(_dir, "bundle");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["provision", .. args], new CliConsole(output, error, TextReader.Null));
        return (exit, output.ToString(), error.ToString());
    }

    private Task<(int Exit, string Out, string Err)> ProvisionAsync(params string[] extra) =>
        RunAsync(["--site", "pi-sittard", "--gateway", "gw-2", "--broker", "biv-mqtt.example:8883", "--out", Out,
            "--config-template", ShippedConfigurationTests.DeployConfig("appsettings.json"), .. extra]);

    [Fact]
    public async Task Run_ValidArguments_WritesBundleWithPrivateModes()
    {
        var (exit, _, err) = await ProvisionAsync();

        Assert.True(exit == 0, err);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "tls", "client.key")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(Out, "privacy.key")));
        Assert.Equal(32, new FileInfo(Path.Combine(Out, "privacy.key")).Length);
        Assert.True(File.GetUnixFileMode(Path.Combine(Out, "firstboot.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Out));
    }

    [Fact]
    public async Task Run_ShippedConfigWithNetworkSensors_IssuesSensorLinkAndPerSensorRequests()
    {
        var (exit, output, err) = await ProvisionAsync();

        Assert.True(exit == 0, err);
        foreach (var name in new[] { "radar-1", "gsm-1" }) // the shipped SAPIENT radar and GSM umbrella
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "sensors", name + ".key")));
            var csr = CertificateRequest.LoadSigningRequestPem(await File.ReadAllTextAsync(Path.Combine(Out, "sensors", name + ".csr")), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            Assert.Equal($"O=Reintegratie.Edge, CN={name}", csr.SubjectName.Name);
            Assert.Contains(csr.CertificateExtensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        }

        var link = CertificateRequest.LoadSigningRequestPem(await File.ReadAllTextAsync(Path.Combine(Out, "tls", "sensor-link.csr")), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Contains(link.CertificateExtensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.Contains("sensors/*.key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ValidArguments_CsrParsesWithCommonNameAndMatchesKey()
    {
        await ProvisionAsync();

        var csr = CertificateRequest.LoadSigningRequestPem(
            await File.ReadAllTextAsync(Path.Combine(Out, "tls", "client.csr")), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(Out, "tls", "client.key")));

        Assert.Contains("CN=pi-sittard-gw-2", csr.SubjectName.Name);
        Assert.Equal(256, key.KeySize);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), csr.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task Run_ValidArguments_ConfigHasBrokerSiteGatewayAndTlsPaths()
    {
        await ProvisionAsync();

        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "appsettings.json")))!;
        var mqtt = config["Mqtt"]!;
        Assert.Equal("biv-mqtt.example", mqtt["Host"]!.GetValue<string>());
        Assert.Equal(8883, mqtt["Port"]!.GetValue<int>());
        Assert.Equal("pi-sittard", mqtt["Site"]!.GetValue<string>());
        Assert.Equal("gw-2", mqtt["Gateway"]!.GetValue<string>());
        Assert.Equal("/etc/reintegratie-edge/tls/client.key", mqtt["Tls"]!["KeyFile"]!.GetValue<string>());
        Assert.False(mqtt["AllowInsecure"]!.GetValue<bool>());
        Assert.Equal("PI Sittard", config["Site"]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ValidArguments_FirstBootScriptSetsHostNameAndWaitsForTime()
    {
        await ProvisionAsync("--ntp", "ntp1.example.nl");

        var script = await File.ReadAllTextAsync(Path.Combine(Out, "firstboot.sh"));
        Assert.StartsWith("#!/usr/bin/env bash\n", script);
        Assert.Contains("HOST_NAME=\"pi-sittard-gw-2\"", script);
        Assert.Contains("systemd-time-wait-sync.service", script);
        Assert.Contains("NTP_SERVERS=\"ntp1.example.nl\"", script);
        Assert.Contains("After=time-sync.target", script);
        using var bash = System.Diagnostics.Process.Start("bash", ["-n", Path.Combine(Out, "firstboot.sh")])!;
        await bash.WaitForExitAsync();
        Assert.Equal(0, bash.ExitCode);
    }

    [Fact]
    public async Task Run_OutputNotEmpty_RefusesWithoutForce()
    {
        await ProvisionAsync();
        var firstKey = await File.ReadAllTextAsync(Path.Combine(Out, "tls", "client.key"));

        var (exit, _, err) = await ProvisionAsync();

        Assert.Equal(1, exit);
        Assert.Contains("is not empty", err);
        Assert.Equal(firstKey, await File.ReadAllTextAsync(Path.Combine(Out, "tls", "client.key")));
    }

    [Theory]
    [InlineData("biv-mqtt.example")]
    [InlineData("biv-mqtt.example:0")]
    [InlineData("biv-mqtt.example:70000")]
    [InlineData("::1:8883")]
    public async Task Run_BadBroker_FailsWithReason(string broker)
    {
        var (exit, _, err) = await RunAsync("--site", "pi-sittard", "--gateway", "gw-2", "--broker", broker, "--out", Out);

        Assert.Equal(1, exit);
        Assert.StartsWith("edgectl provision: --broker:", err);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Run_SiteWithSlash_Fails()
    {
        var (exit, _, err) = await RunAsync("--site", "pi/sittard", "--gateway", "gw-2", "--broker", "h:1", "--out", Out);

        Assert.Equal(1, exit);
        Assert.Contains("--site", err);
    }

    [Fact]
    public async Task Run_MissingOut_IsUsageError()
    {
        var (exit, _, err) = await RunAsync("--site", "pi-sittard", "--gateway", "gw-2", "--broker", "h:1");

        Assert.Equal(2, exit);
        Assert.Contains("--out", err);
    }
}
