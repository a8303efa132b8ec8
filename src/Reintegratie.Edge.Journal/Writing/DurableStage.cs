using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// A pipeline stage after the journal that hands an event to the stage it wraps only once the journal's rows for it
/// are durable (<see cref="DurabilityGate.WaitDurable"/>): the MQTT events stage publishes nothing a power cut could
/// take back from the journal. An event that cannot become durable (the journal holds rows it could not commit, or a
/// sync failed) is not handed on; it is counted in <see cref="NotDurable"/>.
/// </summary>
public sealed class DurableStage : IStageHandler<SensorEvent>
{
    private readonly DurabilityGate _gate;
    private readonly IStageHandler<SensorEvent> _next;
    private long _notDurable;

    internal DurableStage(DurabilityGate gate, IStageHandler<SensorEvent> next)
    {
        _gate = gate;
        _next = next;
    }

    /// <summary>Events not handed on because their rows could not be made durable.</summary>
    public long NotDurable => Interlocked.Read(ref _notDurable);

    /// <inheritdoc />
    public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
    {
        if (_gate.WaitDurable(sequence))
        {
            _next.OnEvent(data, sequence, endOfBatch);
        }
        else
        {
            Interlocked.Increment(ref _notDurable); // read by health reporting on another thread
        }
    }

    /// <inheritdoc />
    public void OnShutdown() => _next.OnShutdown();
}
