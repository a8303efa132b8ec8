using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Puts a validated command into the ring (so it is journaled and replayed in order) and waits, bounded, for fusion's
/// <see cref="CommandResult"/>.
/// </summary>
public sealed class CommandDispatcher
{
    private readonly IEventSink _sink;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the dispatcher.</summary>
    public CommandDispatcher(IEventSink sink, TimeProvider time, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _sink = sink;
        _time = time;
        _timeout = timeout;
    }

    /// <summary>Publishes the command event and returns fusion's result, or a refusal on time-out or a full ring.</summary>
    public async Task<CommandResult> DispatchAsync(CommandRequest request, string sender, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var completion = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = request.ToOperatorCommand(sender, correlationId, completion);
        var header = new EventHeader(EventKind.Command, SensorFamily.Gateway, -1, -1, _time.GetUtcNow());
        if (!_sink.PublishObject(header, command))
        {
            return new CommandResult(false, "gateway busy: command not accepted, retry later", request.AlertId);
        }

        try
        {
            return await completion.Task.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new CommandResult(false, $"no result within {_timeout.TotalSeconds:0.#} s; the command is journaled and may still take effect", request.AlertId);
        }
    }
}
