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
        if (!_queue.Writer.TryWrite(new ReceivedCommand(verb, m.Payload.ToArray(), m.ResponseTopic, m.CorrelationData, sender)))
        {
            _logger.LogWarning("Command queue full: cmd/{Verb} dropped", verb);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="handle"/> for each command until cancelled; a failing command is logged and skipped.</summary>
    public async Task ProcessAsync(Func<ReceivedCommand, CancellationToken, Task> handle, CancellationToken ct)
    {
        try
        {
            await foreach (var command in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await handle(command, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _logger.LogWarning("Command cmd/{Verb} failed: {Error}", command.Verb, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
