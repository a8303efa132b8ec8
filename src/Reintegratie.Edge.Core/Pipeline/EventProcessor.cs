using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// Runs one stage: waits on its barrier, hands each slot to the handler in batches, and advances its sequence.
/// A handler exception is caught per event (logged, counted, skipped) so one bad event never stops the stage;
/// the stage exits only when its cancellation token is cancelled. A stage may run several handlers on its one thread
/// (each slot to each in turn, in the order given): each is guarded by itself, so one that throws on an event never
/// keeps the next from seeing it, and the log names the handler.
/// </summary>
/// <typeparam name="T">Slot type.</typeparam>
public sealed partial class EventProcessor<T>
    where T : class
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IStageHandler<T>[] _handlers;
    private readonly string[] _handlerNames;
    private readonly ILogger _logger;
    private long _failed;
    private long _batches;
    private Thread? _thread;

    /// <summary>Creates the stage.</summary>
    public EventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, IStageHandler<T> handler, ILogger logger)
        : this(name, ring, barrier, [(name, handler)], logger)
    {
    }

    /// <summary>Creates a stage that runs <paramref name="handlers"/> on its one thread, each slot to each in the order given.</summary>
    public EventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, IReadOnlyList<(string Name, IStageHandler<T> Handler)> handlers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentOutOfRangeException.ThrowIfZero(handlers.Count);
        Name = name;
        _ring = ring;
        _barrier = barrier;
        _handlers = [.. handlers.Select(h => h.Handler)];
        _handlerNames = [.. handlers.Select(h => h.Name)];
        _logger = logger;
    }

    /// <summary>The stage's name (thread name, logs, metrics).</summary>
    public string Name { get; }

    /// <summary>The last sequence this stage has finished.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>Events whose handler threw (per handler: an event two handlers threw on counts twice).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Batches handled (a cheap liveness counter).</summary>
    public long Batches => Volatile.Read(ref _batches); // acquire: pairs with the stage thread's release write

    /// <summary>Starts the stage on a dedicated background thread.</summary>
    public Thread Start(CancellationToken cancellationToken)
    {
        _thread = new Thread(() => Run(cancellationToken)) { IsBackground = true, Name = $"stage-{Name}" };
        _thread.Start();
        return _thread;
    }

    /// <summary>Waits for the stage thread to end.</summary>
    public bool Join(TimeSpan timeout) => _thread?.Join(timeout) ?? true;

    /// <summary>Runs the stage on the calling thread until cancelled.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var next = Sequence.Value + 1;
        try
        {
            while (true)
            {
                long available;
                try
                {
                    available = _barrier.WaitFor(next, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (available < next)
                {
                    continue;
                }

                while (next <= available)
                {
                    var slot = _ring[next];
                    for (var h = 0; h < _handlers.Length; h++)
                    {
                        try
                        {
                            _handlers[h].OnEvent(slot, next, next == available);
                        }
                        catch (Exception ex)
                        {
                            Interlocked.Increment(ref _failed); // counter read by metrics on another thread
                            LogEventFailed(_logger, ex, _handlerNames[h], next);
                        }
                    }

                    next++;
                }

                Sequence.Value = available; // release: our reads of these slots happen-before producers reuse them
                Volatile.Write(ref _batches, _batches + 1); // single writer (this thread); release for metric readers
                _ring.WaitStrategy.SignalAllWhenBlocking(); // wake stages that run after this one
            }
        }
        finally
        {
            for (var h = 0; h < _handlers.Length; h++)
            {
                try
                {
                    _handlers[h].OnShutdown();
                }
                catch (Exception ex)
                {
                    LogShutdownFailed(_logger, ex, _handlerNames[h]);
                }
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Stage {Stage} failed on sequence {Sequence}; event skipped")]
    private static partial void LogEventFailed(ILogger logger, Exception ex, string stage, long sequence);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Stage {Stage} failed while shutting down")]
    private static partial void LogShutdownFailed(ILogger logger, Exception ex, string stage);
}
