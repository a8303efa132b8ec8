using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// The gateway's listener for network sensors (SAPIENT, GSM umbrella). A connection is identified before anything it
/// sends is read: by a client certificate of the site CA (TLS; the certificate's CN or DNS SAN names the sensor), or,
/// with <c>SensorLinks:AllowUnauthenticated</c>, by its address being in a sensor's <c>PeerAddresses</c>. Everything
/// else is refused and journaled. Bounded: a handshake timeout, an idle timeout on every read, a cap on connections
/// still in their handshake (per listener and per peer) and on links per peer; when the handshake pool is full an
/// address a configured sensor used before (or lists in <c>PeerAddresses</c>) evicts the oldest stranger, so a flood
/// cannot lock a sensor out. One live link per sensor (<see cref="LinkClaims"/>).
/// </summary>
public sealed class SensorLinkListener
{
    private const int LinkThreadStackBytes = 256 * 1024; // TLS and protobuf parsing need little; a handful of sensors, each its own thread

    private readonly IPEndPoint _endpoint;
    private readonly IReadOnlyList<LinkSensor> _sensors;
    private readonly SensorLinkSettings _settings;
    private readonly SensorLinkServe _serve;
    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private readonly bool _offlineOnClose;
    private readonly LinkClaims _claims;
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Task> _tasks = new();
    private readonly Lock _gate = new();
    private readonly LinkedList<Pending> _pending = new();
    private readonly Dictionary<IPAddress, int> _linksPerPeer = [];
    private readonly ConcurrentDictionary<IPAddress, byte> _knownAddresses = new();
    private long _nextTask;
    private long _refused;
    private int _links;

    /// <summary>Creates the listener; nothing is bound until <see cref="RunAsync"/>.</summary>
    public SensorLinkListener(string name, IPEndPoint endpoint, IReadOnlyList<LinkSensor> sensors, SensorLinkSettings settings, SensorLinkServe serve,
        AdapterContext context, ILogger logger, bool offlineOnClose)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(context);
        Name = name;
        _endpoint = endpoint;
        _sensors = sensors;
        _settings = settings;
        _serve = serve;
        _context = context;
        _logger = logger;
        _offlineOnClose = offlineOnClose;
        Alarm = new LinkAlarm(context, logger, name);
        _claims = new LinkClaims(DeadAfter, context.Time);
        _claims.Replaced += (sensor, old) => SensorLinkListenerLog.LogReplaced(_logger, Name, _context.Site.Sensors[sensor].Id, old.Remote);
        foreach (var address in sensors.SelectMany(s => s.PeerAddresses).Where(a => !IPAddress.IsLoopback(a)))
        {
            _knownAddresses[address] = 0;
        }

        if (settings.AllowUnauthenticated)
        {
            SensorLinkListenerLog.LogNotProductionGrade(_logger, Name);
        }
    }

    /// <summary>For logs.</summary>
    public string Name { get; }

    /// <summary>Completes with the bound endpoint (the real port when configured with port 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    /// <summary>Attacks seen (forged identity, duplicate link, flood, unauthenticated).</summary>
    public LinkAlarm Alarm { get; }

    /// <summary>Identified links open now.</summary>
    public int OpenLinks => Volatile.Read(ref _links);

    /// <summary>Connections in their handshake now.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Connections refused at accept or after the handshake.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Binds, listens and serves until cancelled. A bind failure throws <see cref="SocketException"/> (the caller retries
    /// with backoff); cancellation closes the listener and every link and returns once they have ended.
    /// </summary>
    /// <remarks>
    /// Accepting, each handshake and each link run on threads of their own with blocking socket calls, never on the
    /// socket engine's thread: what they do can wait (a frame handed into a full ring, a link fault journaled), and with
    /// inline socket completions a wait there would stall every socket of the process (docs/ARCHITECTURE.md, "What runs
    /// on the socket engine thread").
    /// </remarks>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(_endpoint);
            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var local = (IPEndPoint)listener.LocalEndPoint!;
        _bound.TrySetResult(local);
        SensorLinkListenerLog.LogListening(_logger, Name, local, _settings.Tls ? "TLS with client certificates" : "plaintext, address allow-list");
        var accepting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), listener)) // ends the blocking accept
        {
            StartThread("link-accept", () => AcceptLoop(listener, cancellationToken), accepting);
            await accepting.Task.ConfigureAwait(false);
        }

        await Task.WhenAll(_tasks.Values).ConfigureAwait(false);
    }

    private void AcceptLoop(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = listener.Accept();
                }
                catch (SocketException e) when (!cancellationToken.IsCancellationRequested && e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
                {
                    continue; // the peer gave up while queued
                }

                try
                {
                    Admit(socket, cancellationToken);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    socket.Dispose(); // the peer went away between accept and admission
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            // shutdown: the listener was closed under the blocking accept; the links see the same token
        }
        finally
        {
            listener.Dispose();
        }
    }

    private TimeSpan DeadAfter(int sensor)
    {
        var reporting = _context.Site.Sensors[sensor].ReportingTime;
        return reporting > TimeSpan.Zero ? reporting : _settings.Idle;
    }

    private void Admit(Socket socket, CancellationToken cancellationToken)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var address = LinkSensor.Normalise(remote.Address);
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true); // find peers that vanished

        if (_settings.AllowUnauthenticated && _sensors.Where(s => s.AdmitsAddress(address)).Select(s => s.Sensor.Index).ToList() is { Count: > 0 } byAddress)
        {
            if (!TryAddLink(address))
            {
                Refuse(socket, remote, "connection_flood", byAddress);
                return;
            }

            Start(() => ServeAsync(socket, new BlockingSocketStream(socket), remote, byAddress, $"address {address}", authenticated: false, cancellationToken));
            return;
        }

        if (!_settings.Tls)
        {
            Refuse(socket, remote, "unauthenticated_link", AllSensors());
            return;
        }

        Pending entry;
        lock (_gate)
        {
            var fromPeer = _pending.Count(p => p.Address.Equals(address));
            Pending? evict = null;
            if (fromPeer >= _settings.MaxPendingPerPeer)
            {
                entry = null!;
            }
            else if (_pending.Count < _settings.MaxPending)
            {
                entry = new Pending(socket, address, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
            }
            else if (_knownAddresses.ContainsKey(address) && _pending.FirstOrDefault(p => !_knownAddresses.ContainsKey(p.Address)) is { } stranger)
            {
                // The reserved slot: a sensor's own address takes the place of the oldest stranger still in its handshake.
                evict = stranger;
                _pending.Remove(stranger);
                entry = new Pending(socket, address, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
            }
            else
            {
                entry = null!;
            }

            if (entry is not null)
            {
                _pending.AddLast(entry);
            }

            evict?.Evict();
        }

        if (entry is null)
        {
            Refuse(socket, remote, "connection_flood", AllSensors());
            return;
        }

        Start(() => HandshakeAsync(entry, remote, cancellationToken));
    }

    /// <summary>Runs <paramref name="run"/> on a thread of its own; every socket call in it blocks that thread only.</summary>
    private void Start(Func<Task> run)
    {
        var id = Interlocked.Increment(ref _nextTask); // unique key per task
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tasks[id] = done.Task;
        StartThread("sensor-link", () => run().GetAwaiter().GetResult(), done, () => _tasks.TryRemove(id, out _));
    }

    private static void StartThread(string name, Action body, TaskCompletionSource done, Action? after = null)
    {
        var thread = new Thread(
            () =>
            {
                try
                {
                    body();
                    after?.Invoke();
                    done.SetResult();
                }
                catch (Exception e)
                {
                    after?.Invoke();
                    done.SetException(e);
                }
            },
            LinkThreadStackBytes)
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    private async Task HandshakeAsync(Pending pending, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(new BlockingSocketStream(pending.Socket), leaveInnerStreamOpen: false);
        string? failure = null;
        var abort = pending.Cts.Token.UnsafeRegister(BlockingSocketStream.Abort, pending.Socket); // timeout, eviction, shutdown end the blocking handshake
        try
        {
            pending.Cts.CancelAfter(_settings.Handshake);
            await ssl.AuthenticateAsServerAsync(ServerOptions(), pending.Cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "shutdown";
        }
        catch (OperationCanceledException)
        {
            failure = pending.Evicted ? "evicted for a sensor's own address" : "handshake timeout";
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or ObjectDisposedException)
        {
            failure = e.Message;
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(pending);
            }

            abort.Dispose();
            pending.Cts.Dispose();
        }

        if (failure is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _refused); // exact count
            SensorLinkListenerLog.LogHandshakeFailed(_logger, Name, remote, failure);
            if (failure != "shutdown")
            {
                RaiseAll("unauthenticated_link", remote);
            }

            return;
        }

        var names = CertificateNames(ssl.RemoteCertificate);
        var sensors = _sensors.Where(s => names.Contains(s.CertificateName)).Select(s => s.Sensor.Index).ToList();
        var address = LinkSensor.Normalise(remote.Address);
        if (sensors.Count == 0 || !TryAddLink(address))
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _refused); // exact count
            SensorLinkListenerLog.LogUnknownCertificate(_logger, Name, remote, string.Join(",", names));
            RaiseAll(sensors.Count == 0 ? "unknown_certificate" : "connection_flood", remote);
            return;
        }

        await ServeAsync(pending.Socket, ssl, remote, sensors, "certificate " + string.Join(",", names), authenticated: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket socket, Stream stream, IPEndPoint remote, List<int> sensors, string identity, bool authenticated,
        CancellationToken cancellationToken)
    {
        var address = LinkSensor.Normalise(remote.Address);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = cts.Token.UnsafeRegister(BlockingSocketStream.Abort, socket); // idle timeout, replacement, shutdown end the blocking read
        var linkStream = new LinkStream(stream, cts, _settings.Idle, _context.Time);
        var link = new SensorLink(linkStream, remote, sensors, identity, authenticated, _claims, cts);
        Interlocked.Increment(ref _links); // read by OpenLinks on other threads
        SensorLinkListenerLog.LogOpened(_logger, Name, remote, identity);
        var why = "closed by the peer";
        try
        {
            if (authenticated)
            {
                // A certificate names its sensor: the link claims it at once, so a second certificate holder is refused now.
                foreach (var sensor in sensors)
                {
                    if (link.Claim(sensor) == LinkClaim.Duplicate)
                    {
                        Alarm.Raise(sensor, "duplicate_link", remote);
                        why = "duplicate_link";
                        return;
                    }

                    _knownAddresses[address] = 0;
                }
            }

            await _serve(link, link.Token).ConfigureAwait(false);
            why = link.TimedOut ? "idle timeout" : why;
        }
        catch (OperationCanceledException) when (link.Token.IsCancellationRequested)
        {
            why = cancellationToken.IsCancellationRequested ? "gateway shutting down" : link.TimedOut ? "idle timeout" : "replaced by the sensor's new link";
        }
        catch (Exception e)
        {
            why = e.GetType().Name; // the serve callback owns its errors; this keeps one link from harming the others
        }
        finally
        {
            await linkStream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            RemoveLink(address);
            Interlocked.Decrement(ref _links); // read by OpenLinks on other threads
            SensorLinkListenerLog.LogClosed(_logger, Name, remote, why);
            var now = _context.Time.GetUtcNow();
            foreach (var sensor in _claims.Release(link))
            {
                if (_offlineOnClose && !cancellationToken.IsCancellationRequested)
                {
                    _context.Health.Report(sensor, SensorStatus.Offline, "transport_closed", now);
                }
            }
        }
    }

    private SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = _settings.ServerCertificate,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck, // a site CA has no CRL endpoint; revoke by reissuing
        RemoteCertificateValidationCallback = (_, certificate, chain, _) => SensorCertificateValidator.IsTrusted(certificate, chain, _settings.Ca!),
    };

    private static HashSet<string> CertificateNames(X509Certificate? certificate)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (certificate is X509Certificate2 c)
        {
            names.Add(c.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
            foreach (var san in c.Extensions.OfType<X509SubjectAlternativeNameExtension>())
            {
                foreach (var dns in san.EnumerateDnsNames())
                {
                    names.Add(dns);
                }
            }
        }

        return names;
    }

    private bool TryAddLink(IPAddress address)
    {
        lock (_gate)
        {
            var n = _linksPerPeer.GetValueOrDefault(address);
            if (n >= _settings.MaxLinksPerPeer)
            {
                return false;
            }

            _linksPerPeer[address] = n + 1;
            return true;
        }
    }

    private void RemoveLink(IPAddress address)
    {
        lock (_gate)
        {
            if (_linksPerPeer.TryGetValue(address, out var n) && n > 1)
            {
                _linksPerPeer[address] = n - 1;
            }
            else
            {
                _linksPerPeer.Remove(address);
            }
        }
    }

    private void Refuse(Socket socket, IPEndPoint remote, string reason, List<int> sensors)
    {
        Interlocked.Increment(ref _refused); // exact count
        socket.Dispose();
        foreach (var sensor in sensors)
        {
            Alarm.Raise(sensor, reason, remote);
        }
    }

    private void RaiseAll(string reason, IPEndPoint remote)
    {
        foreach (var sensor in AllSensors())
        {
            Alarm.Raise(sensor, reason, remote);
        }
    }

    private List<int> AllSensors() => [.. _sensors.Select(s => s.Sensor.Index)];

    private sealed class Pending(Socket socket, IPAddress address, CancellationTokenSource cts)
    {
        private int _evicted;

        public Socket Socket { get; } = socket;

        public IPAddress Address { get; } = address;

        public CancellationTokenSource Cts { get; } = cts;

        public bool Evicted => Volatile.Read(ref _evicted) != 0; // set under the listener's lock, read by the handshake task

        public void Evict()
        {
            Volatile.Write(ref _evicted, 1);
            try
            {
                Cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the handshake just ended
            }
        }
    }
}
