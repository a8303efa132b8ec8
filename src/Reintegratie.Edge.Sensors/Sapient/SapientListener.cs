using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The gateway as SAPIENT fusion node (DMM): listens on one TCP endpoint and serves every node configured with
/// that <c>Listen</c> address. Each connection runs on its own task, so a slow or hostile client only ever
/// stalls itself; a framing error closes that connection alone. A closed connection marks the nodes it spoke
/// for offline at once (reason <c>transport_closed</c>) unless another connection of the same node is open.
/// </summary>
public sealed partial class SapientListener : ISensorAdapter
{
    /// <summary>Connections served at once; more are refused (closed at accept) and logged.</summary>
    public const int MaxConnections = 64;

    private readonly IPEndPoint _endpoint;
    private readonly IReadOnlyDictionary<Guid, SapientNode> _nodes;
    private readonly int _maxFrameBytes;
    private readonly Guid _gatewayNodeId;
    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private readonly MalformedFrameReporter _malformed;
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private long _nextConnection;

    /// <summary>Creates the listener; nothing is opened until <see cref="RunAsync"/>.</summary>
    public SapientListener(IPEndPoint endpoint, IReadOnlyList<SapientNode> nodes, int maxFrameBytes, Guid gatewayNodeId, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(context);
        _endpoint = endpoint;
        _nodes = nodes.ToDictionary(n => n.NodeId);
        _maxFrameBytes = maxFrameBytes;
        _gatewayNodeId = gatewayNodeId;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<SapientListener>();
        Name = $"sapient@{endpoint}";
        _malformed = new MalformedFrameReporter(_logger, Name, context.Time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Completes with the bound endpoint (the real port when configured with port 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    /// <summary>Bad frames and non-conforming messages seen.</summary>
    public long MalformedCount => _malformed.Count;

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _connections.Count;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (!cancellationToken.IsCancellationRequested)
        {
            var listener = new TcpListener(_endpoint);
            try
            {
                listener.Start();
                var bound = (IPEndPoint)listener.LocalEndpoint;
                _bound.TrySetResult(bound);
                LogListening(_logger, Name, bound);
                backoff.Reset();
                await AcceptLoopAsync(listener, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                var delay = backoff.Next();
                LogListenFailed(_logger, Name, e.SocketErrorCode, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, _context.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                listener.Stop();
            }
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the socket lives and dies inside RunAsync

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            if (_connections.Count >= MaxConnections)
            {
                LogTooMany(_logger, Name, client.Client.RemoteEndPoint, MaxConnections);
                client.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnection); // ids unique across accept iterations
            var connection = new SapientConnection(client, _nodes, _maxFrameBytes, _gatewayNodeId, _context, _malformed, _logger);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = Task.Run(
                async () =>
                {
                    await registered.Task.ConfigureAwait(false); // the entry exists before it can be removed
                    try
                    {
                        await connection.RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _connections.TryRemove(id, out _);
                    }
                },
                CancellationToken.None);
            registered.SetResult();
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "{Name}: listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string name, IPEndPoint endpoint);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "{Name}: cannot listen ({Error}); retrying in {Seconds:F1} s")]
    private static partial void LogListenFailed(ILogger logger, string name, SocketError error, double seconds);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "{Name}: refused connection from {Remote}: {Max} connections already open")]
    private static partial void LogTooMany(ILogger logger, string name, EndPoint? remote, int max);
}
