using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// Runs one stage: waits on its barrier, hands each slot to the handler in batches, and advances its sequence.
/// A handler exception is caught per event (logged, counted, skipped) so one bad event never stops the stage;
/// the stage exits only when its cancellation token is cancelled.
/// </summary>
/// <typeparam name="T">Slot type.</typeparam>
public sealed partial class EventProcessor<T>
    where T : class
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IStageHandler<T> _handler;
    private readonly ILogger _logger;
    private long _failed;
    private long _batches;
    private Thread? _thread;

    /// <summary>Creates the stage.</summary>
    public EventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, IStageHandler<T> handler, ILogger logger)
    {
        Name = name;
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _logger = logger;
    }

    /// <summary>The stage's name (thread name, logs, metrics).</summary>
    public string Name { get; }

    /// <summary>The last sequence this stage has finished.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>Events whose handler threw.</summary>
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
                    try
                    {
                        _handler.OnEvent(slot, next, next == available);
                    }
                    catch (Exception ex)
                    {
                        Interlocked.Increment(ref _failed); // counter read by metrics on another thread
                        LogEventFailed(_logger, ex, Name, next);
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
            try
            {
                _handler.OnShutdown();
            }
            catch (Exception ex)
            {
                LogShutdownFailed(_logger, ex, Name);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Stage {Stage} failed on sequence {Sequence}; event skipped")]
    private static partial void LogEventFailed(ILogger logger, Exception ex, string stage, long sequence);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Stage {Stage} failed while shutting down")]
    private static partial void LogShutdownFailed(ILogger logger, Exception ex, string stage);
}
