using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated GSM umbrella writing JSON lines (hardware/protocols/gsm-umbrella.md), either over TCP to the gateway's
/// listener (<see cref="SimulationContext.GatewayHost"/>, the sensor's Listen port) or, when the sensor section has a
/// <c>Port</c> and no <c>Listen</c>, over a pty pair in the work directory (serial mode). Actions: <c>handset</c> (args
/// imsi, imei, technology, band, channel, uplinkDbm, mcc, mnc, action; all optional, generated when absent),
/// <c>handsets</c> (args count, mcc = 204: that many distinct generated handsets) and, in serial mode, <c>unplug</c>
/// and <c>replug</c>. Over TCP it connects with TLS and its own client certificate when the run has them
/// (<see cref="SimulationContext.LinkClient"/>).
/// </summary>
public sealed partial class GsmSimulatedSensor : ISimulatedSensor
{
    private readonly SimulationContext _context;
    private readonly ILogger _logger;
    private readonly Random _random = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SerialSimulatedLink? _serial;
    private string _listen;
    private readonly string _certificateName;
    private SimulatedLinkConnection? _link;
    private long _linesLost;

    /// <summary>Creates the simulated umbrella for a sensor id and its configured Listen address (TCP mode).</summary>
    public GsmSimulatedSensor(string sensorId, string listen, SimulationContext context)
        : this(sensorId, listen, serial: false, context)
    {
    }

    /// <summary>
    /// Creates the simulated umbrella; with <paramref name="serial"/> it writes to a pty whose stable link lives in the
    /// context's work directory instead of connecting to <paramref name="listen"/>.
    /// </summary>
    public GsmSimulatedSensor(string sensorId, string listen, bool serial, SimulationContext context, string? certificateName = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _certificateName = certificateName ?? sensorId;
        _listen = listen;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<GsmSimulatedSensor>();
        _serial = serial ? new SerialSimulatedLink(Path.Combine(context.WorkDirectory, $"{sensorId}.tty")) : null;
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>Lines lost because the serial link was unplugged when they were written.</summary>
    public long LinesLost => Interlocked.Read(ref _linesLost);

    /// <summary>
    /// Serial mode: opens the pty pair and returns its link as the Port override. TCP mode: when Listen has port 0,
    /// picks a free loopback port and returns it as the Listen override (so tests and <c>make run</c> never clash);
    /// otherwise nothing to override.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        if (_serial is not null)
        {
            _serial.Replug();
            return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Port"] = _serial.LinkPath });
        }

        if (IPEndPoint.TryParse(_listen, out var ep) && ep.Port == 0)
        {
            using var probe = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(ep);
            _listen = ((IPEndPoint)probe.LocalEndPoint!).ToString();
            return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Listen"] = _listen });
        }

        return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) =>
        _serial is null ? EnsureConnectedAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public async Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var args = step.Args;
        switch (step.Action)
        {
            case "handset":
                await SendAsync([GsmSimulatorLine.Build(args, SensorId, _context.Time.GetUtcNow(), _random)], cancellationToken).ConfigureAwait(false);
                break;
            case "handsets":
                var count = GsmSimulatorLine.IntegerArg(args, "count") ?? 1;
                var mcc = GsmSimulatorLine.IntegerArg(args, "mcc") ?? 204;
                var lines = new List<byte[]>(count);
                for (var i = 0; i < count; i++)
                {
                    var mnc = GsmIdentifiers.Mnc(_random, mcc);
                    var generated = JsonSerializer.SerializeToElement(new JsonObject
                    {
                        ["imsi"] = GsmIdentifiers.Imsi(_random, mcc, mnc),
                        ["mcc"] = mcc,
                        ["mnc"] = int.Parse(mnc, CultureInfo.InvariantCulture),
                    }, SimulatorJson.Default.JsonObject);
                    lines.Add(GsmSimulatorLine.Build(generated, SensorId, _context.Time.GetUtcNow(), _random));
                }

                await SendAsync(lines, cancellationToken).ConfigureAwait(false);
                break;
            case "unplug" when _serial is not null:
                _serial.Unplug();
                break;
            case "replug" when _serial is not null:
                _serial.Replug();
                break;
            default:
                throw new ArgumentException(
                    $"GSM simulator: unknown action '{step.Action}' (expected handset or handsets{(_serial is null ? string.Empty : ", unplug, replug")}).", nameof(step));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _link?.Dispose();
        _serial?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendAsync(List<byte[]> lines, CancellationToken cancellationToken)
    {
        if (_serial is not null)
        {
            foreach (var line in lines)
            {
                // The link appends CR LF; the lines are ASCII JSON (the writer escapes anything else).
                if (!await _serial.WriteLineAsync(Encoding.UTF8.GetString(line).TrimEnd('\n'), cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _linesLost); // read by tests on other threads
                }
            }

            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                await EnsureConnectedLockedAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    foreach (var line in lines)
                    {
                        await _link!.Stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                    }

                    await _link!.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (attempt == 0 && e is SocketException or IOException)
                {
                    _link?.Dispose(); // the gateway restarted: reconnect once and resend
                    _link = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureConnectedLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureConnectedLockedAsync(CancellationToken cancellationToken)
    {
        if (_link is { Connected: true })
        {
            return;
        }

        var port = IPEndPoint.TryParse(_listen, out var ep) ? ep.Port : 4100;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        while (true)
        {
            try
            {
                _link = await SimulatedLinkConnection.ConnectAsync(new DnsEndPoint(_context.GatewayHost, port), _certificateName, _context, cancellationToken).ConfigureAwait(false);
                LogConnected(_logger, SensorId, _context.GatewayHost, port);
                return;
            }
            catch (Exception e) when (backoff.Attempt < 20 && e is SocketException or IOException)
            {
                // the gateway may not listen yet
                await Task.Delay(backoff.Next(), _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Simulated umbrella {Sensor} connected to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string sensor, string host, int port);
}
