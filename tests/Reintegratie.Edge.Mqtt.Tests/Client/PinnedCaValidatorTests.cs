using System.Net.Security;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>The broker's certificate must chain to the pinned CA and allow server authentication (issue 15, item 8).</summary>
public sealed class PinnedCaValidatorTests
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 s_ca = TestCertificates.CreateCa("Pinned Site CA");

    [Fact]
    public void IsTrusted_ServerCertificateOfPinnedCa_Trusted()
    {
        using var server = TestCertificates.IssueServer(s_ca);

        Assert.True(PinnedCaValidator.IsTrusted(server, null, SslPolicyErrors.None, s_ca, verifyHostname: true, out var reason), reason);
    }

    [Fact]
    public void IsTrusted_ClientCertificateOfPinnedCaPosingAsBroker_RefusedWithServerAuthReason()
    {
        using var posing = TestCertificates.IssueServerWithoutServerAuth(s_ca);

        var trusted = PinnedCaValidator.IsTrusted(posing, null, SslPolicyErrors.None, s_ca, verifyHostname: true, out var reason);

        Assert.False(trusted);
        Assert.Equal("the broker certificate does not allow server authentication (EKU serverAuth missing)", reason);
    }

    [Fact]
    public void IsTrusted_GatewayClientCertificate_RefusedWithServerAuthReason()
    {
        using var gateway = TestCertificates.IssueClient(s_ca, "site1-gw1");

        Assert.False(PinnedCaValidator.IsTrusted(gateway, null, SslPolicyErrors.None, s_ca, verifyHostname: false, out var reason));
        Assert.Contains("serverAuth", reason, StringComparison.Ordinal);
    }
}
