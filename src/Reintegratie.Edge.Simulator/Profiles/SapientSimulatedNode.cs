using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Reintegratie.Edge.Simulator.Transports;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// One simulated SAPIENT node. Actions and their args:
/// <c>track</c> {objectId (ULID, generated if absent), from:{lat,lon}, to:{lat,lon}, seconds, rateHz, classification}
/// flies a straight line in the background; <c>alert</c> {description, lat?, lon?}; <c>hostile</c> opens a second
/// connection and sends garbage and an oversize length (in plaintext, without a certificate: refused at the door when
/// the gateway requires TLS, which is the point); <c>disconnect</c> closes the connection (heartbeats stop);
/// <c>reconnect</c> connects and registers again. The node connects over TLS with its own client certificate when the
/// run has them (<see cref="SimulationContext.LinkClient"/>).
/// </summary>
public sealed partial class SapientSimulatedNode : ISimulatedSensor
{
    private static readonly string[] s_airSubClasses = ["UAV Rotary Wing", "UAV Fixed Wing", "Manned Rotary Wing", "Manned Fixed Wing"];

    private readonly Guid _nodeId;
    private readonly IPEndPoint _gateway;
    private readonly TimeSpan _heartbeat;
    private readonly (double Lat, double Lon)? _position;
    private readonly SimulationContext _context;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _life = new();
    private readonly List<Task> _background = [];
    private readonly string _certificateName;
    private SimulatedLinkConnection? _link;
    private CancellationTokenSource? _session;

    /// <summary>Creates the node; nothing connects until <see cref="StartAsync"/>.</summary>
    public SapientSimulatedNode(string sensorId, Guid nodeId, IPEndPoint gateway, TimeSpan heartbeat, (double Lat, double Lon)? position, SimulationContext context,
        string? certificateName = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _certificateName = certificateName ?? sensorId;
        _nodeId = nodeId;
        _gateway = gateway;
        _heartbeat = heartbeat;
        _position = position;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<SapientSimulatedNode>();
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>True while a registered connection is open.</summary>
    public bool Connected => _link?.Connected ?? false;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>()); // TCP: the gateway's Listen stays as configured

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public async Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Action)
        {
            case "track":
                Track(step.Args);
                break;
            case "alert":
                var description = Str(step.Args, "description") ?? "alert";
                (double, double)? at = Num(step.Args, "lat") is { } lat && Num(step.Args, "lon") is { } lon ? (lat, lon) : null;
                await SendAsync(SapientMessages.Alert(_nodeId, description, at, _context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                break;
            case "hostile":
                await HostileAsync(cancellationToken).ConfigureAwait(false);
                break;
            case "disconnect":
                Disconnect();
                break;
            case "reconnect":
                Disconnect();
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"SAPIENT simulator: unknown action '{step.Action}' (track, alert, hostile, disconnect, reconnect)", nameof(step));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync().ConfigureAwait(false);
        Disconnect();
        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _life.Dispose();
        _writeLock.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _life.Token);
        Exception? last = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            SimulatedLinkConnection? link = null;
            try
            {
                link = await SimulatedLinkConnection.ConnectAsync(_gateway, _certificateName, _context, linked.Token).ConfigureAwait(false);
                var stream = link.Stream;
                await SapientFraming.WriteAsync(stream, SapientMessages.Registration(_nodeId, SensorId, _heartbeat, _context.Time.GetUtcNow()), linked.Token).ConfigureAwait(false);
                var ack = await new SapientFrameReader(stream).ReadAsync(linked.Token).ConfigureAwait(false);
                if (ack?.RegistrationAck is not { Acceptance: true })
                {
                    link.Dispose();
                    throw new InvalidOperationException($"SAPIENT simulator {SensorId}: registration refused by {_gateway}");
                }

                _link = link;
                _session = CancellationTokenSource.CreateLinkedTokenSource(_life.Token);
                _background.Add(HeartbeatAsync(_session.Token));
                _background.Add(DrainAsync(stream, _session.Token));
                LogRegistered(_logger, SensorId, _gateway);
                return;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                link?.Dispose(); // the gateway may not listen yet, or it closed a link it still counted as live
                last = e;
                await Task.Delay(TimeSpan.FromMilliseconds(200), _context.Time, linked.Token).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"SAPIENT simulator {SensorId}: cannot reach the gateway at {_gateway}", last);
    }

    private void Disconnect()
    {
        _session?.Cancel();
        _session?.Dispose();
        _session = null;
        _link?.Dispose();
        _link = null;
    }

    private async Task SendAsync(SapientMessage message, CancellationToken cancellationToken)
    {
        var link = _link ?? throw new InvalidOperationException($"SAPIENT simulator {SensorId}: not connected");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SapientFraming.WriteAsync(link.Stream, message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await SendAsync(SapientMessages.StatusReport(_nodeId, StatusReport.Types.System.Ok, _position, _context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await Task.Delay(_heartbeat, _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the connection went away (disconnect action, gateway closed): heartbeats stop with it
        }
    }

    private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var reader = new SapientFrameReader(stream);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                // acks and errors from the gateway: read so its writes never block
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SapientFrameException)
        {
            // connection closed
        }
    }

    private void Track(JsonElement args)
    {
        var objectId = Str(args, "objectId") ?? SapientIds.NewUlid(_context.Time.GetUtcNow());
        var from = Point(args, "from") ?? _position ?? throw new ArgumentException("track: 'from' {lat,lon} is required");
        var to = Point(args, "to") ?? from;
        var seconds = Num(args, "seconds") ?? 10;
        var rate = Math.Clamp(Num(args, "rateHz") ?? 1, 0.1, 100);
        var cls = Str(args, "classification") ?? "UAV Rotary Wing";
        var (className, subClass) = s_airSubClasses.Contains(cls, StringComparer.OrdinalIgnoreCase) ? ("Air Vehicle", cls) : (cls, (string?)null);
        var token = _session?.Token ?? _life.Token;
        _background.Add(Task.Run(() => FlyAsync(objectId, from, to, seconds, rate, className, subClass, token), CancellationToken.None));
    }

    private async Task FlyAsync(string objectId, (double Lat, double Lon) from, (double Lat, double Lon) to, double seconds, double rate, string className, string? subClass, CancellationToken cancellationToken)
    {
        var steps = Math.Max(1, (int)Math.Round(seconds * rate));
        try
        {
            for (var i = 0; i <= steps; i++)
            {
                var f = (double)i / steps;
                var lat = from.Lat + ((to.Lat - from.Lat) * f);
                var lon = from.Lon + ((to.Lon - from.Lon) * f);
                await SendAsync(SapientMessages.Detection(_nodeId, objectId, lat, lon, 40, className, subClass, 0.9f, _context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1 / rate), _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // disconnected mid-flight: the track ends, as a real one would
        }
    }

    private async Task HostileAsync(CancellationToken cancellationToken)
    {
        using var hostile = new TcpClient();
        await hostile.ConnectAsync(_gateway, cancellationToken).ConfigureAwait(false);
        var stream = hostile.GetStream();
        try
        {
            // A valid-looking prefix with a payload that is not protobuf, then a length far beyond any limit.
            await stream.WriteAsync(new byte[] { 4, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F }, cancellationToken).ConfigureAwait(false);
            await stream.ReadAsync(new byte[1], cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), _context.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // the gateway closed us, which is the point
        }
    }

    private static string? Str(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static (double Lat, double Lon)? Point(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var p) && Num(p, "lat") is { } lat && Num(p, "lon") is { } lon ? (lat, lon) : null;

    [LoggerMessage(EventId = 2390, Level = LogLevel.Information, Message = "SAPIENT simulator {SensorId}: registered with {Gateway}")]
    private static partial void LogRegistered(ILogger logger, string sensorId, IPEndPoint gateway);
}
