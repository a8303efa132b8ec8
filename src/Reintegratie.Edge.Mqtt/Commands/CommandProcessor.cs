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
internal sealed partial class CommandProcessor
{
    /// <summary>MQTT 5 expiry of replies: a requester that is gone by then will not read them.</summary>
    private const uint ReplyExpirySeconds = 60;

    private readonly MqttTopics _topics;
    private readonly CommandDispatcher _dispatcher;
    private readonly CommandAuthenticator _authenticator;
    private readonly RefusalLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CommandProcessor(MqttTopics topics, CommandDispatcher dispatcher, CommandAuthenticator authenticator, RefusalLimiter limiter, TimeProvider time, ILogger logger)
    {
        _topics = topics;
        _dispatcher = dispatcher;
        _authenticator = authenticator;
        _limiter = limiter;
        _time = time;
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
        CommandRequest? request = null;
        string? refusal;
        CommandResult? alreadyApplied = null;
        if (command.Retained)
        {
            refusal = "retained command refused: commands are never retained (it would be applied again on every reconnect)";
        }
        else if (!CommandParser.TryParse(command.Verb, command.Payload, out request, out var error))
        {
            refusal = error;
        }
        else
        {
            refusal = _authenticator.Refusal(command.Verb, request!, _time.GetUtcNow(), out alreadyApplied);
            if (alreadyApplied is not null && !command.Duplicate)
            {
                // Applied before, but this is a fresh PUBLISH, not the broker's redelivery: someone sent it again.
                refusal = $"nonce already used by key '{request!.KeyId}': a replayed command (it was applied once)";
                alreadyApplied = null;
            }
        }

        if (request is not null)
        {
            replyTo = request.ReplyTo;
            correlationId = request.CorrelationId;
        }
        else
        {
            CommandParser.TryReadReplyFields(command.Payload, out replyTo, out correlationId);
        }

        var commandCorrelation = correlationId ?? (command.CorrelationData is { Length: > 0 } data ? Convert.ToHexString(data) : null);
        if (refusal is null && alreadyApplied is { } first)
        {
            // Redelivered after a crash or a lost connection between the journal commit and the PUBACK: it was applied.
            // Answer as the first time, apply nothing, journal it as a redelivery (not as a refused replay).
            LogRedelivered(_logger, command.Verb, request!.KeyId!, request.Nonce!);
            result = first with { Message = "already applied: " + first.Message };
            var redelivery = request.ToOperatorCommand(request.KeyId!, commandCorrelation, null) with { Refusal = "already applied (redelivery)", Redelivery = true };
            if (!_dispatcher.PublishRefusal(redelivery))
            {
                _logger.LogWarning("Redelivered cmd/{Verb} not journaled: the ring is full", command.Verb);
            }
        }
        else if (refusal is null)
        {
            var sender = request!.KeyId!;
            _logger.LogInformation("Command {Verb} signed by {KeyId} (correlation {Correlation})", command.Verb, sender, commandCorrelation);
            var dispatch = await _dispatcher.DispatchAsync(request, sender, commandCorrelation, ct).ConfigureAwait(false);
            (result, journaled) = (dispatch.Result, dispatch.Journaled);
            if (dispatch.Entered)
            {
                _authenticator.Applied(request, result);
            }
            if (request.Verb == CommandVerb.Resync)
            {
                await resync(ct).ConfigureAwait(false);
                result = result.Ok ? result : new CommandResult(true, "state republished (" + result.Message + ")");
            }
        }
        else
        {
            LogRefused(_logger, command.Verb, request?.KeyId ?? "-", command.SenderProperty ?? "-", refusal);
            JournalRefusal(command, request, refusal, commandCorrelation);
            result = new CommandResult(false, refusal);
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

    /// <summary>Journals a refusal (rate-limited: a flood is counted, not written row by row).</summary>
    private void JournalRefusal(ReceivedCommand command, CommandRequest? request, string refusal, string? correlation)
    {
        if (!_limiter.TryTake(out var skipped))
        {
            return;
        }

        var verb = CommandParser.TryParseVerb(command.Verb, out var v) ? v : CommandVerb.Resync; // an unknown verb is journaled as resync with its refusal
        var refused = request is not null
            ? request.ToOperatorCommand("unverified:" + (request.KeyId ?? "unsigned"), correlation, null) with { Refusal = refusal, RefusalsNotJournaled = skipped }
            : new OperatorCommand { Verb = verb, Sender = "unverified:unsigned", Refusal = refusal, CorrelationId = correlation, RefusalsNotJournaled = skipped };
        if (!_dispatcher.PublishRefusal(refused))
        {
            _logger.LogWarning("Refused cmd/{Verb} not journaled: the ring is full", command.Verb);
        }
    }

    [LoggerMessage(EventId = 471, Level = LogLevel.Information, Message = "Command cmd/{Verb} (key {KeyId}, nonce {Nonce}) redelivered: already applied, answered as the first time")]
    private static partial void LogRedelivered(ILogger logger, string verb, string keyId, string nonce);

    [LoggerMessage(EventId = 470, Level = LogLevel.Warning, Message = "Command cmd/{Verb} (key {KeyId}, sender property {Sender}) refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string verb, string keyId, string sender, string reason);
}
