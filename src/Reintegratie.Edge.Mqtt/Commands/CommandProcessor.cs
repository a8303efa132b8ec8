using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Payloads;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Handles one received command: validate, dispatch to fusion, run <c>resync</c>, reply. Never throws for bad input;
/// every outcome, including a refusal, is answered when there is a reply route.
/// </summary>
internal sealed class CommandProcessor
{
    /// <summary>MQTT 5 expiry of replies: a requester that is gone by then will not read them.</summary>
    private const uint ReplyExpirySeconds = 60;

    private readonly MqttTopics _topics;
    private readonly CommandDispatcher _dispatcher;
    private readonly ILogger _logger;

    public CommandProcessor(MqttTopics topics, CommandDispatcher dispatcher, ILogger logger)
    {
        _topics = topics;
        _dispatcher = dispatcher;
        _logger = logger;
    }

    /// <summary>
    /// Processes <paramref name="command"/>; <paramref name="resync"/> republishes the state (called after fusion's
    /// answer); <paramref name="channel"/> carries the reply (null = not connected, the reply is dropped). Returns the
    /// task that completes once the command may be acknowledged to the broker: when the journal has made it durable,
    /// at once for a command refused before it entered the ring.
    /// </summary>
    public async Task<Task> HandleAsync(ReceivedCommand command, Func<CancellationToken, Task> resync, Func<IPublishChannel?> channel, CancellationToken ct)
    {
        CommandResult result;
        var journaled = Task.CompletedTask;
        string? replyTo = null;
        string? correlationId = null;
        if (CommandParser.TryParse(command.Verb, command.Payload, out var request, out var error))
        {
            replyTo = request!.ReplyTo;
            correlationId = request.CorrelationId;
            var sender = FirstNonEmpty(command.SenderProperty, request.Sender) ?? "unknown";
            var commandCorrelation = correlationId ?? (command.CorrelationData is { Length: > 0 } data ? Convert.ToHexString(data) : null);
            _logger.LogInformation("Command {Verb} from {Sender} (correlation {Correlation})", command.Verb, sender, commandCorrelation);
            var dispatch = await _dispatcher.DispatchAsync(request, sender, commandCorrelation, ct).ConfigureAwait(false);
            (result, journaled) = (dispatch.Result, dispatch.Journaled);
            if (request.Verb == CommandVerb.Resync)
            {
                await resync(ct).ConfigureAwait(false);
                result = result.Ok ? result : new CommandResult(true, "state republished (" + result.Message + ")");
            }
        }
        else
        {
            CommandParser.TryReadReplyFields(command.Payload, out replyTo, out correlationId);
            _logger.LogWarning("Command on cmd/{Verb} refused: {Error}", command.Verb, error);
            result = new CommandResult(false, error);
        }

        if (!CommandReplyRouter.TryResolve(_topics, command.Verb, command.ResponseTopic, command.CorrelationData, replyTo, correlationId, out var route, out var reason))
        {
            _logger.LogWarning("No reply to cmd/{Verb}: {Reason}", command.Verb, reason);
            return journaled;
        }

        var target = channel();
        if (target is null)
        {
            _logger.LogWarning("No reply to cmd/{Verb}: broker connection lost", command.Verb);
            return journaled;
        }

        var payload = PayloadFormatter.CommandResponse(new CommandResponsePayload(result.Ok, result.Message, result.AlertId, result.Revision, command.Verb, correlationId));
        var outcome = await target.PublishAsync(new OutgoingMessage(route!.Topic, payload, false, ReplyExpirySeconds, route.CorrelationData), ct).ConfigureAwait(false);
        if (!outcome.Acknowledged)
        {
            _logger.LogWarning("Reply to cmd/{Verb} on {Topic} refused by the broker: {Reason}", command.Verb, route.Topic, outcome.Reason);
        }

        return journaled;
    }

    private static string? FirstNonEmpty(string? a, string? b) => !string.IsNullOrWhiteSpace(a) ? a : !string.IsNullOrWhiteSpace(b) ? b : null;
}
