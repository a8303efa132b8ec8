using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// Takes command messages off MQTTnet's receive handler into a bounded queue (the handler must return quickly: a slow
/// handler would hold up the client's own message processing) and feeds them one at a time to a processing loop.
/// A QoS 1 command is acknowledged (PUBACK) only once it is durable in the journal, or refused before it entered the
/// ring: a gateway that dies before then leaves it unacknowledged in its persistent session, and the broker delivers
/// it again after the restart (at least once; ack and bypass are idempotent).
/// </summary>
internal sealed class CommandInbox
{
    private readonly MqttTopics _topics;
    private readonly ILogger _logger;
    private readonly Channel<ReceivedCommand> _queue = Channel.CreateBounded<ReceivedCommand>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public CommandInbox(MqttTopics topics, ILogger logger)
    {
        _topics = topics;
        _logger = logger;
    }

    /// <summary>The MQTTnet <c>ApplicationMessageReceivedAsync</c> handler.</summary>
    public Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
        if (!_topics.TryGetCommandVerb(m.Topic, out var verb))
        {
            return Task.CompletedTask;
        }

        var property = m.UserProperties?.FirstOrDefault(p => p.Name == "sender");
        var sender = property is null ? null : Encoding.UTF8.GetString(property.ValueBuffer.Span);
        var command = new ReceivedCommand(verb, m.Payload.ToArray(), m.ResponseTopic, m.CorrelationData, sender)
        {
            Acknowledge = e.AcknowledgeAsync,
            Retained = m.Retain,
            Duplicate = m.Dup,
        };
        e.AutoAcknowledge = false; // before the loop can see it: the loop sends the PUBACK once the command is durable
        if (!_queue.Writer.TryWrite(command))
        {
            _logger.LogWarning("Command queue full: cmd/{Verb} dropped", verb);
            e.AutoAcknowledge = true; // acknowledged as it is: redelivering a flood would only fill the queue again
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="handle"/> for each command until cancelled (it returns the task that completes when the
    /// command is durable); a failing command is logged, skipped and acknowledged.
    /// </summary>
    public async Task ProcessAsync(Func<ReceivedCommand, CancellationToken, Task<Task>> handle, CancellationToken ct)
    {
        var acknowledged = Task.CompletedTask; // PUBACKs go out in the order the commands came in
        try
        {
            await foreach (var command in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var journaled = Task.CompletedTask; // a command that failed is acknowledged: redelivery would fail again
                try
                {
                    journaled = await handle(command, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _logger.LogWarning("Command cmd/{Verb} failed: {Error}", command.Verb, ex.Message);
                }

                acknowledged = AcknowledgeAfterAsync(acknowledged, journaled, command, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Sends the command's PUBACK once the earlier ones are out and <paramref name="journaled"/> completes; never throws.</summary>
    private async Task AcknowledgeAfterAsync(Task previous, Task journaled, ReceivedCommand command, CancellationToken ct)
    {
        await previous.ConfigureAwait(false);
        if (command.Acknowledge is null)
        {
            return;
        }

        try
        {
            await journaled.WaitAsync(ct).ConfigureAwait(false);
            await command.Acknowledge(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping before the command was durable: the broker delivers it again after the restart.
        }
        catch (Exception ex)
        {
            _logger.LogInformation("PUBACK for cmd/{Verb} not sent ({Error}); the broker delivers it again on the next session", command.Verb, ex.Message);
        }
    }
}
