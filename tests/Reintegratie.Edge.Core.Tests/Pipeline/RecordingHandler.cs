using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

/// <summary>Records what a stage saw; optionally blocks until released or throws on chosen values.</summary>
public sealed class RecordingHandler : IStageHandler<LongSlot>
{
    private readonly object _gate = new();
    private readonly List<(long Value, int Producer, long Sequence, bool EndOfBatch)> _seen = [];
    private readonly ManualResetEventSlim _release;
    private readonly Func<long, bool>? _throwOn;

    public RecordingHandler(bool startBlocked = false, Func<long, bool>? throwOn = null)
    {
        _release = new ManualResetEventSlim(!startBlocked);
        _throwOn = throwOn;
    }

    public bool ShutdownCalled { get; private set; }

    public List<(long Value, int Producer, long Sequence, bool EndOfBatch)> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    public void Release() => _release.Set();

    public void OnEvent(LongSlot data, long sequence, bool endOfBatch)
    {
        _release.Wait();
        if (_throwOn?.Invoke(data.Value) == true)
        {
            throw new InvalidOperationException($"test failure on {data.Value}");
        }

        lock (_gate)
        {
            _seen.Add((data.Value, data.Producer, sequence, endOfBatch));
        }
    }

    public void OnShutdown() => ShutdownCalled = true;

    public bool WaitForCount(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Count >= count)
            {
                return true;
            }

            Thread.Sleep(1);
        }

        return Count >= count;
    }
}
