using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Puts a validated command into the ring (so it is journaled and replayed in order) and waits, bounded, for fusion's
/// <see cref="CommandResult"/> and for the journal to make the command durable.
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

    /// <summary>
    /// Puts a refused command into the ring only to be journaled (fusion ignores it); false when the ring is full
    /// (the refusal is then only logged). Refused commands are acknowledged at once: redelivery would be refused again.
    /// </summary>
    public bool PublishRefusal(OperatorCommand refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var header = new EventHeader(EventKind.Command, SensorFamily.Gateway, -1, -1, _time.GetUtcNow());
        return _sink.PublishObject(header, refused);
    }

    /// <summary>
    /// Publishes the command event and returns fusion's result, or a refusal on time-out or a full ring, with the task
    /// that completes once the command is durable in the journal (already complete when it never entered the ring).
    /// </summary>
    public async Task<CommandDispatch> DispatchAsync(CommandRequest request, string sender, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var completion = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var journaled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = request.ToOperatorCommand(sender, correlationId, completion, journaled);
        var header = new EventHeader(EventKind.Command, SensorFamily.Gateway, -1, -1, _time.GetUtcNow());
        if (!_sink.PublishObject(header, command))
        {
            return new CommandDispatch(new CommandResult(false, "gateway busy: command not accepted, retry later", request.AlertId), Task.CompletedTask) { Entered = false };
        }

        var started = _time.GetTimestamp();
        CommandResult result;
        try
        {
            result = await completion.Task.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var late = new CommandResult(false, $"no result within {_timeout.TotalSeconds:0.#} s; the command is journaled and may still take effect", request.AlertId);
            return new CommandDispatch(late, journaled.Task);
        }

        var left = _timeout - _time.GetElapsedTime(started);
        try
        {
            await journaled.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            result = result with { Message = result.Message + "; not yet durable in the journal (held until it can commit)" };
        }

        return new CommandDispatch(result, journaled.Task);
    }
}

/// <summary>What became of a dispatched command.</summary>
/// <param name="Result">Fusion's answer, or the refusal.</param>
/// <param name="Journaled">Completes once the command is durable in the journal; only then may its sender be acknowledged.</param>
public readonly record struct CommandDispatch(CommandResult Result, Task Journaled)
{
    /// <summary>False when the ring did not take the command (it was not applied, so a redelivery must be).</summary>
    public bool Entered { get; init; } = true;
}
