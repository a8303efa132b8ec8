using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// A TCP server for line-framed text protocols (one message per <c>\n</c>-terminated line). Every client has its own
/// receive loop and buffer of <c>maxLineBytes</c>, so a slow, silent or garbage-sending client never holds up the
/// others; an over-long line is discarded up to its terminator and reported; a line cut off by the client closing is
/// still delivered (the parser decides). Lines are handed over from the connection's buffer without copying.
/// </summary>
public sealed partial class TcpLineListener
{
    private readonly IPEndPoint _endpoint;
    private readonly int _maxLineBytes;
    private readonly int _maxClients;
    private readonly TcpLineHandler _onLine;
    private readonly TcpLineOverlongHandler _onOverlong;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _clients;

    /// <summary>Creates the listener (nothing is bound until <see cref="RunAsync"/>).</summary>
    public TcpLineListener(IPEndPoint endpoint, int maxLineBytes, int maxClients, TcpLineHandler onLine, TcpLineOverlongHandler onOverlong, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        _endpoint = endpoint;
        _maxLineBytes = maxLineBytes;
        _maxClients = maxClients;
        _onLine = onLine;
        _onOverlong = onOverlong;
        _logger = logger;
    }

    /// <summary>Completes with the bound address (the real port when the endpoint's port is 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    /// <summary>Connected clients now.</summary>
    public int ClientCount => Volatile.Read(ref _clients);

    /// <summary>
    /// Binds, listens and serves clients until cancelled. A bind failure throws <see cref="SocketException"/> (the caller
    /// retries with backoff); cancellation closes the listener and every connection and returns once they have ended.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listener = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(_endpoint);
        listener.Listen(64);
        var local = (IPEndPoint)listener.LocalEndPoint!;
        _bound.TrySetResult(local);
        LogListening(_logger, local);
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                connections.RemoveAll(t => t.IsCompleted);
                if (Volatile.Read(ref _clients) >= _maxClients)
                {
                    LogRefused(_logger, client.RemoteEndPoint, _maxClients);
                    client.Dispose();
                    continue;
                }

                Interlocked.Increment(ref _clients); // read by ClientCount on other threads
                connections.Add(Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutdown: fall through to wait for the connections, which see the same token
        }
        finally
        {
            await Task.WhenAll(connections).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var remote = client.RemoteEndPoint;
        LogConnected(_logger, remote);
        var state = new LineFramer(new byte[_maxLineBytes]);
        try
        {
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true); // find peers that vanished
            while (true)
            {
                var n = await client.ReceiveAsync(state.FreeSpace, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                state.Received(n, this);
            }

            state.Finish(this);
            LogDisconnected(_logger, remote, "closed by the client");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogDisconnected(_logger, remote, "gateway shutting down");
        }
        catch (SocketException e)
        {
            LogDisconnected(_logger, remote, e.SocketErrorCode.ToString());
        }
        catch (Exception e)
        {
            LogServeFailed(_logger, remote, e.GetType().Name);
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref _clients); // read by ClientCount on other threads
        }
    }

    private void Deliver(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        try
        {
            _onLine(line);
        }
        catch (Exception e)
        {
            // The handler owns its errors; this keeps one bad line from ending the connection. No content is logged.
            LogHandlerFailed(_logger, e.GetType().Name);
        }
    }

    private void DeliverOverlong(int length, ReadOnlySpan<byte> head)
    {
        try
        {
            _onOverlong(length, head);
        }
        catch (Exception e)
        {
            LogHandlerFailed(_logger, e.GetType().Name);
        }
    }

    /// <summary>Per-connection framing state: a buffer of the line limit, filled from the front.</summary>
    private sealed class LineFramer(byte[] buffer)
    {
        private const int HeadBytes = 160;
        private byte[]? _head;
        private int _filled;
        private int _discarded = -1; // >= 0 while discarding an over-long line: the bytes dropped so far

        public Memory<byte> FreeSpace => buffer.AsMemory(_filled);

        private ReadOnlySpan<byte> Head => _head;

        public void Received(int count, TcpLineListener owner)
        {
            var end = _filled + count;
            var start = 0;
            var scan = _filled;
            while (scan < end)
            {
                var nl = buffer.AsSpan(scan, end - scan).IndexOf((byte)'\n');
                if (nl < 0)
                {
                    break;
                }

                var lineEnd = scan + nl;
                if (_discarded >= 0)
                {
                    owner.DeliverOverlong(_discarded + lineEnd - start, Head);
                    _discarded = -1;
                }
                else
                {
                    owner.Deliver(buffer.AsSpan(start, lineEnd - start));
                }

                start = scan = lineEnd + 1;
            }

            var rest = end - start;
            if (rest == buffer.Length)
            {
                // A full buffer and no terminator: the line is over-long. Keep its head for the report, drop until '\n'.
                if (_discarded < 0)
                {
                    _discarded = 0;
                    _head ??= new byte[Math.Min(HeadBytes, buffer.Length)];
                    buffer.AsSpan(0, _head.Length).CopyTo(_head);
                }

                _discarded += rest;
                rest = 0;
            }
            else if (start > 0 && rest > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, rest);
            }

            _filled = rest;
        }

        public void Finish(TcpLineListener owner)
        {
            if (_discarded >= 0)
            {
                owner.DeliverOverlong(_discarded + _filled, Head);
            }
            else if (_filled > 0)
            {
                owner.Deliver(buffer.AsSpan(0, _filled));
            }

            _filled = 0;
        }
    }
}
