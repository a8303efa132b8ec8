using System.Threading.Tasks.Sources;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Completes <see cref="TtyStream.ReadAsync(Memory{byte}, CancellationToken)"/> when the device has data: one dedicated
/// thread per open port sleeps in <c>poll(2)</c> on the device and a wake-up pipe, reads, and completes the pending read
/// inline, so the reader's continuation (framing, parsing, publishing into the ring) runs on this thread and its next
/// read, if the device has nothing yet, parks here again. One wake-up per burst of data, no thread-pool hop, no timer:
/// System.IO.Ports' reader polls every millisecond and completes reads on the thread pool.
/// </summary>
internal sealed class TtyReadPoller : IValueTaskSource<int>
{
    private const int Idle = 0;
    private const int Pending = 1;
    private const int Reading = 2;

    private readonly SafeFileHandle _device;
    private readonly SafeFileHandle _wakeRead;
    private readonly SafeFileHandle _wakeWrite;
    private readonly string _path;
    private readonly object _gate = new();
    private ManualResetValueTaskSourceCore<int> _core; // mutable struct: never copy, never readonly
    private Memory<byte> _buffer;
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _token;
    private int _state;
    private bool _stopping;
    private Thread? _thread;

    public TtyReadPoller(SafeFileHandle device, SafeFileHandle wakeRead, SafeFileHandle wakeWrite, string path)
    {
        _device = device;
        _wakeRead = wakeRead;
        _wakeWrite = wakeWrite;
        _path = path;
        _core.RunContinuationsAsynchronously = false; // the point: continue on the poll thread
    }

    /// <summary>Parks a read until the device has data; the caller found none (EAGAIN).</summary>
    public ValueTask<int> WaitAndReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _state) != Idle)
        {
            throw new InvalidOperationException("a read is already pending on " + _path);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        _core.Reset();
        _buffer = buffer;
        _token = cancellationToken;

        // Registered before the read is published as pending, so the poll thread's Complete sees this registration; a
        // cancellation that fires in between finds no pending read and is caught by the check after publishing.
        _cancellation = cancellationToken.UnsafeRegister(static s => ((TtyReadPoller)s!).Cancel(), this);
        lock (_gate)
        {
            if (_stopping)
            {
                _cancellation.Unregister();
                throw new ObjectDisposedException(_path);
            }

            Volatile.Write(ref _state, Pending);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "tty-poll" };
                _thread.Start();
            }

            Monitor.Pulse(_gate);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Cancel();
        }

        return new ValueTask<int>(this, _core.Version);
    }

    /// <summary>Stops the poll thread (it ends any pending read with end-of-stream) and lets it release the handles.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        TtyStream.Signal(_wakeWrite);
        if (_thread is null || _thread == Thread.CurrentThread)
        {
            Complete(0, null); // no thread, or we are it (a continuation disposing its own stream): nothing to wait for
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Cancel()
    {
        // Only a read still parked is cancelled; one the poll thread is reading completes with its data.
        if (Interlocked.CompareExchange(ref _state, Idle, Pending) == Pending)
        {
            _core.SetException(new OperationCanceledException(_token));
        }
    }

    private void Complete(int result, Exception? error)
    {
        if (Interlocked.Exchange(ref _state, Idle) == Idle)
        {
            return;
        }

        _cancellation.Unregister();
        if (error is null)
        {
            _core.SetResult(result);
        }
        else
        {
            _core.SetException(error);
        }
    }

    private void Run()
    {
        var deviceRef = false;
        var wakeRef = false;
        try
        {
            _device.DangerousAddRef(ref deviceRef); // the fd stays open (and its number ours) until this thread is done
            _wakeRead.DangerousAddRef(ref wakeRef);
            var device = (int)_device.DangerousGetHandle();
            var wake = (int)_wakeRead.DangerousGetHandle();
            while (WaitForPendingRead())
            {
                var ready = TtyStream.PollReadable(device, wake, _path);
                if (ready && Interlocked.CompareExchange(ref _state, Reading, Pending) == Pending)
                {
                    ReadIntoPending(device);
                }
            }
        }
        finally
        {
            Complete(0, null);
            if (wakeRef)
            {
                _wakeRead.DangerousRelease();
            }

            if (deviceRef)
            {
                _device.DangerousRelease();
            }
        }
    }

    private bool WaitForPendingRead()
    {
        lock (_gate)
        {
            while (!_stopping && Volatile.Read(ref _state) != Pending)
            {
                Monitor.Wait(_gate);
            }

            return !_stopping;
        }
    }

    private void ReadIntoPending(int device)
    {
        int n;
        try
        {
            n = TtyStream.ReadNonBlocking(device, _buffer.Span, _path);
        }
        catch (IOException ex)
        {
            Complete(0, ex);
            return;
        }

        if (n < 0)
        {
            Volatile.Write(ref _state, Pending); // spurious readiness: park again
            return;
        }

        Complete(n, null); // runs the reader's continuation here, which usually parks the next read before returning
    }
}
