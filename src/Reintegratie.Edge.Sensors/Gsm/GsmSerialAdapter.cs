using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// A serially attached GSM umbrella (one per <c>Port</c>): the <see cref="SerialLineReader"/> keeps the port open
/// (reporting the sensor offline and reopening with backoff when it vanishes) and hands each CR/LF-framed JSON line to
/// the <see cref="GsmLineHandler"/>, exactly as the TCP listener does. Over-long lines are counted and logged through
/// the handler's redacting <see cref="GsmBadLineReporter"/>, never as raw bytes (a line may carry an IMSI).
/// </summary>
public sealed class GsmSerialAdapter : ISensorAdapter, ILineHandler
{
    private readonly SerialLineReader _reader;

    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public GsmSerialAdapter(Sensor sensor, GsmOptions options, GsmLineHandler handler, AdapterContext context, ILogger logger,
        Func<Stream> openTransport)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(context);
        Handler = handler;
        Name = $"{sensor.Id}@{options.Port}";
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        var readerOptions = new SerialLineReaderOptions { Port = options.Port, Baud = options.Baud, Driver = options.SerialDriver, MaxLineBytes = options.MaxLineBytes };
        _reader = new SerialLineReader(sensor.Id, openTransport, readerOptions, this, context.Health, sensor.Index, context.Time, logger) { Progress = Progress };
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/> at its baud rate.</summary>
    public static GsmSerialAdapter ForPort(Sensor sensor, GsmOptions options, GsmLineHandler handler, AdapterContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GsmSerialAdapter(sensor, options, handler, context, logger, () => SerialPortOpener.Open(options.Port, options.Baud, options.SerialDriver));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The line handler (counters for tests and metrics).</summary>
    public GsmLineHandler Handler { get; }

    /// <summary>The transport reader (connect count for tests and metrics).</summary>
    public SerialLineReader Reader => _reader;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => _reader.RunAsync(cancellationToken);

    /// <inheritdoc />
    public void OnLine(ReadOnlySpan<byte> line) => Handler.Handle(line);

    /// <inheritdoc />
    public void OnOverlongLine(ReadOnlySpan<byte> start, long length) =>
        Handler.HandleOverlong((int)Math.Min(length, int.MaxValue), start);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the port lives and dies inside RunAsync
}
