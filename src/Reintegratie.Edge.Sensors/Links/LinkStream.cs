namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// The stream of an identified link: every read must deliver a byte within the idle timeout, else the link's token
/// is cancelled (a silent or trickling peer holds nothing for long). Records when the peer last sent something, which
/// decides whether a second link may replace this one.
/// </summary>
internal sealed class LinkStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationTokenSource _link;
    private readonly TimeSpan _idle;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _lastActivity;
    private int _timedOut;

    public LinkStream(Stream inner, CancellationTokenSource link, TimeSpan idle, TimeProvider time)
    {
        _inner = inner;
        _link = link;
        _idle = idle;
        _time = time;
        _lastActivity = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((LinkStream)s!).IdleExpired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last byte received.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity); // written by the reading task, read by claims on others

    public bool TimedOut => Volatile.Read(ref _timedOut) != 0; // set by the timer callback

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The usual caller passes the link's own token: no linked source (and no allocation) per read then.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != _link.Token
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _link.Token)
            : null;
        _timer.Change(_idle, Timeout.InfiniteTimeSpan);
        try
        {
            var n = await _inner.ReadAsync(buffer, linked?.Token ?? _link.Token).ConfigureAwait(false);
            _link.Token.ThrowIfCancellationRequested(); // the link's abort ends a blocking read with 0 (BlockingSocketStream)
            Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp()); // read by claims on other tasks
            return n;
        }
        catch (IOException) when (_link.IsCancellationRequested)
        {
            throw new OperationCanceledException(_link.Token); // an abort seen through the TLS layer: the cancellation it is
        }
        finally
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("link streams are read asynchronously (the idle timeout applies)");

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void IdleExpired()
    {
        Volatile.Write(ref _timedOut, 1); // read by the serving task after the cancellation
        try
        {
            _link.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the link already ended
        }
    }
}
