using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Broker reachability (TCP), and with TLS configured: the handshake with the configured CA and client certificate, and the certificate's expiry.</summary>
public static class BrokerCheck
{
    /// <summary>Warn when the client certificate expires within this many days.</summary>
    public const int ExpiryWarningDays = 30;

    /// <summary>Runs the checks.</summary>
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(IConfiguration configuration, DoctorProbes probes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(probes);
        var host = configuration["Mqtt:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return [CheckResult.Pass("broker", "No broker configured (Mqtt:Host empty): the gateway runs its embedded broker on 127.0.0.1:1883")];
        }

        var port = int.TryParse(configuration["Mqtt:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 8883;
        var tls = configuration.GetSection("Mqtt:Tls");
        var insecure = string.Equals(configuration["Mqtt:AllowInsecure"], "true", StringComparison.OrdinalIgnoreCase);
        var results = new List<CheckResult>();
        X509Certificate2? client = null;
        try
        {
            if (!string.IsNullOrEmpty(tls["CaFile"]) || !string.IsNullOrEmpty(tls["CertFile"]))
            {
                client = LoadClientCertificate(tls, probes, results);
            }
            else if (!insecure)
            {
                results.Add(CheckResult.Fail("tls", "No TLS files configured and Mqtt:AllowInsecure is not set",
                    "set Mqtt:Tls:CaFile, CertFile and KeyFile (edgectl provision writes them), or Mqtt:AllowInsecure=true for a test broker"));
            }
            else
            {
                results.Add(CheckResult.Warn("tls", "MQTT runs without TLS (Mqtt:AllowInsecure=true)", "use TLS with a client certificate in production"));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(probes.ConnectTimeout);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var why = e is SocketException se ? se.SocketErrorCode.ToString() : $"no answer within {probes.ConnectTimeout.TotalSeconds:0} s";
                results.Insert(0, CheckResult.Fail("broker", $"Broker {host}:{port} is unreachable ({why})",
                    "check the network cable, the firewall towards the broker and the Mqtt:Host/Mqtt:Port settings"));
                return results;
            }

            results.Insert(0, CheckResult.Pass("broker", $"Broker {host}:{port} accepts TCP connections"));
            if (client is not null && !string.IsNullOrEmpty(tls["CaFile"]) && File.Exists(tls["CaFile"]))
            {
                results.Add(await HandshakeAsync(socket, host, tls["CaFile"]!, client, timeout.Token).ConfigureAwait(false));
            }

            return results;
        }
        finally
        {
            client?.Dispose();
        }
    }

    private static X509Certificate2? LoadClientCertificate(IConfigurationSection tls, DoctorProbes probes, List<CheckResult> results)
    {
        foreach (var k in new[] { "CaFile", "CertFile", "KeyFile" })
        {
            if (string.IsNullOrEmpty(tls[k]) || !File.Exists(tls[k]))
            {
                results.Add(CheckResult.Fail("tls", $"TLS file Mqtt:Tls:{k} ({tls[k]}) is missing",
                    k == "CertFile" ? "put the certificate signed by the broker's CA (from the CSR of edgectl provision) there" : $"place the file or correct Mqtt:Tls:{k}"));
                return null;
            }
        }

        X509Certificate2 cert;
        try
        {
            cert = X509Certificate2.CreateFromPemFile(tls["CertFile"]!, tls["KeyFile"]);
        }
        catch (CryptographicException e)
        {
            results.Add(CheckResult.Fail("tls", $"Client certificate or key cannot be read: {e.Message}",
                "check that CertFile and KeyFile are PEM files of the same key pair"));
            return null;
        }

        var now = probes.Time.GetUtcNow();
        var left = cert.NotAfter.ToUniversalTime() - now.UtcDateTime;
        if (now.UtcDateTime < cert.NotBefore.ToUniversalTime())
        {
            results.Add(CheckResult.Fail("tls", $"Client certificate {cert.GetNameInfo(X509NameType.SimpleName, false)} is not valid before {cert.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z",
                "the clock is probably wrong: wait for NTP synchronisation (timedatectl) and check again"));
        }
        else if (left.TotalSeconds <= 0)
        {
            results.Add(CheckResult.Fail("tls", $"Client certificate expired on {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}",
                "rotate the client certificate (docs/OPERATIONS.md, \"Rotating the client certificate\")"));
        }
        else if (left.TotalDays < ExpiryWarningDays)
        {
            results.Add(CheckResult.Warn("tls", $"Client certificate expires in {left.TotalDays:0} days ({cert.NotAfter.ToUniversalTime():yyyy-MM-dd})",
                "rotate the client certificate now (docs/OPERATIONS.md, \"Rotating the client certificate\")"));
        }
        else
        {
            results.Add(CheckResult.Pass("tls", $"Client certificate valid until {cert.NotAfter.ToUniversalTime():yyyy-MM-dd} ({left.TotalDays:0} days)"));
        }

        return cert;
    }

    private static async Task<CheckResult> HandshakeAsync(Socket socket, string host, string caFile, X509Certificate2 client, CancellationToken cancellationToken)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(caFile);
        try
        {
            return await HandshakeAsync(socket, host, ca, client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var c in ca)
            {
                c.Dispose();
            }
        }
    }

    private static async Task<CheckResult> HandshakeAsync(Socket socket, string host, X509Certificate2Collection ca, X509Certificate2 client, CancellationToken cancellationToken)
    {
        using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = [client],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            },
        };
        options.CertificateChainPolicy.CustomTrustStore.AddRange(ca);
        try
        {
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return CheckResult.Pass("tls", $"TLS handshake with {host} succeeded ({stream.SslProtocol}) with the configured CA and client certificate");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            return CheckResult.Fail("tls", $"TLS handshake with {host} failed: {e.Message}",
                "check that Mqtt:Tls:CaFile is the broker's CA, the broker's certificate names the host in Mqtt:Host, and the clock is right");
        }
    }
}
