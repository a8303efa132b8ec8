using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>Production mode against mosquitto with require_certificate, use_identity_as_username and an ACL.</summary>
public sealed class MqttSessionMutualTlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-mtls-").FullName;
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _console = null!;
    private X509Certificate2 _foreignClient = null!;
    private string _caFile = null!;
    private (string Cert, string Key) _gatewayPem;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateCa("Edge Test CA");
        _caFile = TestCertificates.WritePem(_ca, _dir, "ca").Cert;
        var server = TestCertificates.WritePem(TestCertificates.IssueServer(_ca), _dir, "server");
        _gatewayPem = TestCertificates.WritePem(TestCertificates.IssueClient(_ca, "site1-gw1"), _dir, "gateway");
        _console = TestCertificates.IssueClient(_ca, "biv-console");
        var foreignCa = TestCertificates.CreateCa("Someone Else CA");
        _foreignClient = TestCertificates.IssueClient(foreignCa, "site1-gw1");
        var acl = Path.Combine(_dir, "acl");
        await File.WriteAllTextAsync(acl, string.Join('\n',
            "user site1-gw1", "topic readwrite pi-edge/site1/gw1/#", "",
            "user biv-console", "topic read pi-edge/#", "topic write pi-edge/+/+/cmd/#", ""));
        _broker = await MosquittoBroker.StartNewAsync(string.Join('\n',
            $"cafile {_caFile}", $"certfile {server.Cert}", $"keyfile {server.Key}",
            "require_certificate true", "use_identity_as_username true", "allow_anonymous false", $"acl_file {acl}"));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Publisher_ClientCertificateAndPinnedCa_DeliversRowsAndIsSecure()
    {
        var options = TlsOptions();
        await using var harness = await PublisherHarness.StartAsync(options);
        await using var console = TestMqttClient.Create(_broker.Port, "biv-console", host: "localhost", caFile: _caFile, clientCertificate: _console);
        await console.ConnectAsync();
        await console.SubscribeAsync("pi-edge/site1/gw1/#");

        harness.Outbox.Add("alerts", "{\"n\":1}");
        harness.Outbox.Add("alerts", "{\"n\":2}");

        await Wait.UntilAsync(() => console.On("pi-edge/site1/gw1/alerts").Count == 2, TimeSpan.FromSeconds(30), "two alerts over mTLS");
        await Wait.UntilAsync(() => harness.Outbox.PendingCount == 0, TimeSpan.FromSeconds(30), "rows deleted after PUBACK");
        var status = console.On("pi-edge/site1/gw1/status")[^1];
        Assert.Contains("\"state\":\"online\"", status.Text);
        Assert.Contains("\"insecure\":false", status.Text);
    }

    [Fact]
    public async Task Broker_ClientWithoutCertificate_IsRefused()
    {
        await using var client = TestMqttClient.Create(_broker.Port, "anonymous", host: "localhost", caFile: _caFile);

        await Assert.ThrowsAnyAsync<Exception>(client.ConnectAsync);
    }

    [Fact]
    public async Task Broker_ClientCertificateFromAnotherCa_IsRefused()
    {
        await using var client = TestMqttClient.Create(_broker.Port, "site1-gw1", host: "localhost", caFile: _caFile, clientCertificate: _foreignClient);

        await Assert.ThrowsAnyAsync<Exception>(client.ConnectAsync);
    }

    [Fact]
    public async Task Broker_GatewayIdentityOutsideItsSubtree_IsNotAuthorized()
    {
        var gateway = X509Certificate2.CreateFromPemFile(_gatewayPem.Cert, _gatewayPem.Key);
        await using var client = TestMqttClient.Create(_broker.Port, "site1-gw1-probe", host: "localhost", caFile: _caFile, clientCertificate: gateway);
        await client.ConnectAsync();

        var result = await client.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("pi-edge/site1/gw2/alerts").WithPayload("{}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task Publisher_BrokerCertificateFromAnotherCa_NeverConnects()
    {
        var otherCaFile = TestCertificates.WritePem(TestCertificates.CreateCa("Pinned Elsewhere"), _dir, "other-ca").Cert;
        var options = TlsOptions();
        options.Tls.CaFile = otherCaFile;
        await using var harness = await PublisherHarness.StartAsync(options);
        harness.Outbox.Add("alerts", "{\"n\":1}");

        await Wait.UntilAsync(() => _broker.ReadLog().Contains("site1-gw1", StringComparison.Ordinal) || _broker.ReadLog().Contains("OpenSSL Error", StringComparison.Ordinal) || _broker.ReadLog().Contains("Client <unknown> disconnected", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "a refused TLS attempt in the broker log");
        Assert.False(harness.Publisher.IsConnected);
        Assert.Equal(1, harness.Outbox.PendingCount);
    }

    [Fact]
    public async Task Publisher_BrokerCertificateWithoutServerAuth_NeverConnects()
    {
        var posing = TestCertificates.WritePem(TestCertificates.IssueServerWithoutServerAuth(_ca), _dir, "server"); // same CA, client usage only
        await using var broker = await MosquittoBroker.StartNewAsync(string.Join('\n',
            $"cafile {_caFile}", $"certfile {posing.Cert}", $"keyfile {posing.Key}", "require_certificate true", "use_identity_as_username true", "allow_anonymous true"));
        var options = TlsOptions();
        options.Port = broker.Port;
        await using var harness = await PublisherHarness.StartAsync(options);
        harness.Outbox.Add("alerts", "{\"n\":1}");

        await Wait.UntilAsync(() => broker.ReadLog().Contains("OpenSSL Error", StringComparison.Ordinal) || broker.ReadLog().Contains("Client <unknown> disconnected", StringComparison.Ordinal)
            || broker.ReadLog().Contains("protocol error", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "a refused TLS attempt in the broker log");
        Assert.DoesNotContain("site1-gw1", broker.ReadLog(), StringComparison.Ordinal);
        Assert.False(harness.Publisher.IsConnected);
        Assert.Equal(1, harness.Outbox.PendingCount);
    }

    private MqttOptions TlsOptions()
    {
        var options = PublisherHarness.Plain(_broker.Port);
        options.Host = "localhost";
        options.Tls = new MqttTlsOptions { CaFile = _caFile, CertFile = _gatewayPem.Cert, KeyFile = _gatewayPem.Key };
        return options;
    }
}
