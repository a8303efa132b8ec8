using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Reintegratie.Edge.Sensors.Transports;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// One node's identified link: reads frames, checks each message as the harness does, answers registrations and
/// hands the rest to <see cref="SapientMessageHandler"/>. A framing error closes the link; a message that parses but
/// breaks a rule is counted, answered with an Error message and skipped. A message naming a node the link's
/// certificate (or address) is not, or a node that already has a live link, is refused, journaled
/// (<c>forged_identity</c>, <c>duplicate_link</c>) and closes the link before it can touch that node. Nothing escapes.
/// </summary>
internal sealed partial class SapientConnection
{
    private readonly SensorLink _link;
    private readonly IReadOnlyDictionary<Guid, SapientNode> _nodes;
    private readonly int _maxFrameBytes;
    private readonly Guid _gatewayNodeId;
    private readonly AdapterContext _context;
    private readonly MalformedFrameReporter _malformed;
    private readonly ILogger _logger;
    private readonly LinkAlarm _alarm;
    private readonly EndPoint? _remote;

    public SapientConnection(SensorLink link, IReadOnlyDictionary<Guid, SapientNode> nodes, int maxFrameBytes, Guid gatewayNodeId, AdapterContext context,
        MalformedFrameReporter malformed, LinkAlarm alarm, ILogger logger)
    {
        _link = link;
        _alarm = alarm;
        _nodes = nodes;
        _maxFrameBytes = maxFrameBytes;
        _gatewayNodeId = gatewayNodeId;
        _context = context;
        _malformed = malformed;
        _logger = logger;
        _remote = link.Remote;
    }

    /// <summary>Serves the link until it ends; handling one message (and writing its answer) is one turn of <paramref name="loop"/>.</summary>
    public async Task RunAsync(ProgressLoop loop, CancellationToken cancellationToken)
    {
        try
        {
            var stream = _link.Stream;
            var reader = new SapientFrameReader(stream, _maxFrameBytes);
            LogOpened(_logger, _remote);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                loop.Begin();
                try
                {
                    if (!await HandleAsync(message, stream, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                finally
                {
                    loop.End();
                }
            }

            LogClosed(_logger, _remote, "peer closed", reader.FramesRead);
        }
        catch (SapientFrameException e)
        {
            _malformed.Report(e.Message, ReadOnlySpan<byte>.Empty);
            LogClosed(_logger, _remote, e.Message, -1);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutdown, idle timeout or replacement: the link listener logs which and reports the node offline
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            LogClosed(_logger, _remote, e.Message, -1);
        }
    }

    /// <summary>Handles one message; false closes the connection.</summary>
    private async ValueTask<bool> HandleAsync(SapientMessage message, Stream stream, CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow();
        if (SapientValidator.Validate(message) is { } violation)
        {
            var packet = message.ToByteArray();
            _malformed.Report($"non-conforming {message.ContentCase}: {violation}", packet);
            Guid? sender = Guid.TryParseExact(message.NodeId, "D", out var g) ? g : null;
            await SapientFraming.WriteAsync(stream, SapientMessages.Error(_gatewayNodeId, sender, packet, violation.ToString(), now), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var nodeId = Guid.ParseExact(message.NodeId, "D"); // checked by the validator
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            return await RefuseAsync(message, nodeId, stream, now, cancellationToken).ConfigureAwait(false);
        }

        switch (_link.Claim(node.Sensor.Index))
        {
            case LinkClaim.Forged:
                _malformed.Report($"{message.ContentCase} for node {nodeId} from a link identified as {_link.Identity}", ReadOnlySpan<byte>.Empty);
                _alarm.Raise(node.Sensor.Index, "forged_identity", _remote);
                return false;
            case LinkClaim.Duplicate:
                _alarm.Raise(node.Sensor.Index, "duplicate_link", _remote);
                return false;
        }

        if (message.ContentCase == SapientMessage.ContentOneofCase.Registration)
        {
            node.StatusInterval = SapientMessageHandler.Interval(message.Registration.StatusDefinition.StatusInterval);
            node.UtmZone = SapientMessageHandler.RegisteredUtmZone(message.Registration);
            _context.Health.Touch(node.Sensor.Index, now);
            LogRegistered(_logger, node.Sensor.Id, nodeId, message.Registration.Name);
            var ack = SapientMessages.RegistrationAck(_gatewayNodeId, nodeId, accepted: true, null, now);
            await SapientFraming.WriteAsync(stream, ack, cancellationToken).ConfigureAwait(false);
            return true;
        }

        SapientMessageHandler.Handle(message, node, _context, now, _logger);
        return true;
    }

    private async ValueTask<bool> RefuseAsync(SapientMessage message, Guid nodeId, Stream stream, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (message.ContentCase != SapientMessage.ContentOneofCase.Registration)
        {
            _malformed.Report($"{message.ContentCase} from unknown node {nodeId}", ReadOnlySpan<byte>.Empty);
            return true;
        }

        LogUnknownNode(_logger, nodeId, _remote);
        var ack = SapientMessages.RegistrationAck(_gatewayNodeId, nodeId, accepted: false, "node id not configured at this gateway", now);
        await SapientFraming.WriteAsync(stream, ack, cancellationToken).ConfigureAwait(false);
        return false;
    }

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "SAPIENT connection from {Remote}")]
    private static partial void LogOpened(ILogger logger, EndPoint? remote);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "SAPIENT connection from {Remote} closed: {Reason} (frames {Frames})")]
    private static partial void LogClosed(ILogger logger, EndPoint? remote, string reason, long frames);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Information, Message = "SAPIENT node {NodeId} registered as sensor {SensorId} ({Name})")]
    private static partial void LogRegistered(ILogger logger, string sensorId, Guid nodeId, string name);

    [LoggerMessage(EventId = 2313, Level = LogLevel.Warning, Message = "SAPIENT registration refused: node {NodeId} from {Remote} is not configured")]
    private static partial void LogUnknownNode(ILogger logger, Guid nodeId, EndPoint? remote);
}
