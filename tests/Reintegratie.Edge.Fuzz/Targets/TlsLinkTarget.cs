using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The sensor-link framing behind TLS: the input is written through a real <see cref="SslStream"/> pair (loopback TCP,
/// TLS 1.2/1.3, set up once and kept across inputs) and read on the gateway side by the framers the listeners use:
/// <see cref="LineFramer"/> through <see cref="StreamPump"/> (GSM umbrella), then <see cref="SapientFrameReader"/>
/// (SAPIENT). Contract: no exception but the documented <see cref="SapientFrameException"/>; a delivered line is at
/// most the line limit and holds no terminator; an over-long line reports a length above the limit; no SAPIENT frame
/// beyond its limit is read; the TLS stream is left in step (every input byte, and only those, arrives).
/// </summary>
internal sealed class TlsLinkTarget : IFuzzTarget
{
    private const int MaxLineBytes = 1024;
    private const int MaxFrameBytes = 16 * 1024;
    private const int MaxInputBytes = 64 * 1024; // a bound on one write; afl's inputs are far smaller in practice
    private static TlsPair? s_pair;

    public string Name => "tls-link";

    public string Description => "bytes through a real SslStream pair -> StreamPump/LineFramer and SapientFrameReader (caps, stream in step)";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var bytes = input[..Math.Min(input.Length, MaxInputBytes)].ToArray();
        var pair = s_pair ??= TlsPair.Create(); // lazily: nothing instrumented may run before Fuzzer.Run (FuzzTargets)

        var checker = new LineChecker(bytes.Length);
        var framer = new LineFramer(checker, MaxLineBytes, readBufferBytes: 512);
        pair.Send(bytes, server => framer.PumpAsync(server, null, CancellationToken.None));
        framer.Complete();

        pair.Send(bytes, async server =>
        {
            var reader = new SapientFrameReader(server, MaxFrameBytes);
            try
            {
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is not null)
                {
                    if (reader.FramesRead * 4 > bytes.Length)
                    {
                        throw new FuzzContractException($"{reader.FramesRead} SAPIENT frames out of {bytes.Length} bytes");
                    }
                }
            }
            catch (SapientFrameException)
            {
                // The documented rejection: the listener closes that link. The rest of the input is drained below.
            }
        });
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        var lines = new StringBuilder();
        foreach (var line in sources.DocumentedLines().Where(l => l.StartsWith("{\"time\"", StringComparison.Ordinal)).Take(8))
        {
            corpus.Add("gsm-line", line + "\n");
            lines.Append(line).Append("\r\n");
        }

        corpus.Add("gsm-lines", lines.ToString());
        corpus.Add("overlong", new string('x', MaxLineBytes + 10) + "\nshort\n");
        foreach (var (name, json) in sources.SapientValid().Take(8))
        {
            corpus.Add("sapient-" + name, SapientFraming.Encode(SapientJson.Parse(json)));
        }
    }

    /// <summary>Checks every line the framer delivers against the caps.</summary>
    private sealed class LineChecker(int inputBytes) : ILineHandler
    {
        private long _bytes;

        public void OnLine(ReadOnlySpan<byte> line)
        {
            if (line.IsEmpty || line.Length > MaxLineBytes || line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                throw new FuzzContractException($"LineFramer delivered a line of {line.Length} bytes (limit {MaxLineBytes}) or one holding a terminator");
            }

            _bytes += line.Length;
            if (_bytes > inputBytes)
            {
                throw new FuzzContractException($"LineFramer delivered {_bytes} bytes of lines out of {inputBytes} input bytes");
            }
        }

        public void OnOverlongLine(ReadOnlySpan<byte> start, long length)
        {
            if (length <= MaxLineBytes || start.Length > MaxLineBytes || length > inputBytes)
            {
                throw new FuzzContractException($"LineFramer reported an over-long line of {length} bytes (limit {MaxLineBytes}, input {inputBytes})");
            }
        }
    }

    /// <summary>A sensor (client) and the gateway (server) joined by TLS over loopback TCP.</summary>
    private sealed class TlsPair
    {
        private readonly SslStream _sensor;
        private readonly SslStream _gateway;

        private TlsPair(SslStream sensor, SslStream gateway)
        {
            _sensor = sensor;
            _gateway = gateway;
        }

        public static TlsPair Create()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var certificate = X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pkcs12), null);
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);

            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient { NoDelay = true };
            var connect = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var accepted = listener.AcceptTcpClient();
            connect.GetAwaiter().GetResult();
            var gateway = new SslStream(accepted.GetStream(), leaveInnerStreamOpen: false);
            var sensor = new SslStream(client.GetStream(), leaveInnerStreamOpen: false,
                (_, c, _, _) => c is not null && string.Equals(c.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.Ordinal));
            var serverSide = gateway.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
            sensor.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });
            serverSide.GetAwaiter().GetResult();
            return new TlsPair(sensor, gateway);
        }

        /// <summary>Writes <paramref name="bytes"/> as the sensor while <paramref name="read"/> reads exactly them as the gateway.</summary>
        public void Send(byte[] bytes, Func<Stream, Task> read)
        {
            var write = Task.Run(async () =>
            {
                await _sensor.WriteAsync(bytes).ConfigureAwait(false);
                await _sensor.FlushAsync().ConfigureAwait(false);
            });
            var bounded = new BoundedReadStream(_gateway, bytes.Length);
            read(bounded).GetAwaiter().GetResult();
            bounded.Drain();
            write.GetAwaiter().GetResult();
        }
    }
}
