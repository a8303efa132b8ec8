using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The gateway as SAPIENT fusion node (DMM): one <see cref="SensorLinkListener"/> serving every node configured with
/// that <c>Listen</c> address. A link is identified before its first frame is read (client certificate, or address
/// allow-list); a message whose node UUID is not the link's own sensor is a forged identity and closes the link; a
/// second live link for a node is refused. Each link runs on its own task, so a slow or hostile client only ever
/// stalls itself; a framing error closes that link alone. A closed link marks its node offline at once (reason
/// <c>transport_closed</c>).
/// </summary>
public sealed partial class SapientListener : ISensorAdapter
{
    private readonly IReadOnlyDictionary<Guid, SapientNode> _nodes;
    private readonly int _maxFrameBytes;
    private readonly Guid _gatewayNodeId;
    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private readonly MalformedFrameReporter _malformed;
    private readonly SensorLinkListener _links;

    /// <summary>Creates the listener; nothing is opened until <see cref="RunAsync"/>.</summary>
    public SapientListener(IPEndPoint endpoint, IReadOnlyList<(SapientNode Node, LinkSensor Link)> nodes, int maxFrameBytes, Guid gatewayNodeId, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(context);
        _nodes = nodes.ToDictionary(n => n.Node.NodeId, n => n.Node);
        _maxFrameBytes = maxFrameBytes;
        _gatewayNodeId = gatewayNodeId;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<SapientListener>();
        Name = $"sapient@{endpoint}";
        Sensors = [.. nodes.Select(n => n.Node.Sensor.Index)];
        Progress = new AdapterProgress(context.Time, nodes.Count == 0 ? TimeSpan.FromSeconds(60) : nodes.Max(n => n.Node.Sensor.StallTime)); // one loop per node link
        _malformed = new MalformedFrameReporter(_logger, Name, context.Time);
        _links = new SensorLinkListener(Name, endpoint, [.. nodes.Select(n => n.Link)], context.Links ?? SensorLinkSettings.TestRig, ServeAsync, context, _logger,
            offlineOnClose: true);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Completes with the bound endpoint (the real port when configured with port 0).</summary>
    public Task<IPEndPoint> Bound => _links.Bound;

    /// <summary>Bad frames and non-conforming messages seen.</summary>
    public long MalformedCount => _malformed.Count;

    /// <summary>Identified links open now.</summary>
    public int OpenConnections => _links.OpenLinks;

    /// <summary>The link listener (attempt counters).</summary>
    public SensorLinkListener Links => _links;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _links.RunAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException e)
            {
                var delay = backoff.Next();
                LogListenFailed(_logger, Name, e.SocketErrorCode, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, _context.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the socket lives and dies inside RunAsync

    private async Task ServeAsync(SensorLink link, CancellationToken cancellationToken)
    {
        using var loop = Progress.Loop();
        await new SapientConnection(link, _nodes, _maxFrameBytes, _gatewayNodeId, _context, _malformed, _links.Alarm, _logger).RunAsync(loop, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "{Name}: cannot listen ({Error}); retrying in {Seconds:F1} s")]
    private static partial void LogListenFailed(ILogger logger, string name, SocketError error, double seconds);
}
