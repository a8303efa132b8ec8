using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Reintegratie.Edge.Hub.Storage;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>
/// One <c>LISTEN hub_changes</c> connection per hub instance, fanned out to every open console (server-sent events).
/// Whichever instance commits a change, PostgreSQL notifies all instances at commit, so a console on any instance is live.
/// </summary>
public sealed partial class ChangeFeed(NpgsqlDataSource dataSource, ILogger<ChangeFeed> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Channel<string>, byte> _subscribers = new();

    /// <summary>A reader of changed sites; dispose the lease to unsubscribe.</summary>
    public (ChannelReader<string> Reader, IDisposable Lease) Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[channel] = 0;
        return (channel.Reader, new Lease(() => _subscribers.TryRemove(channel, out _)));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    foreach (var subscriber in _subscribers.Keys)
                    {
                        subscriber.Writer.TryWrite(e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {IngestStore.ChangeChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                Broadcast("*"); // after a reconnect a console may have missed changes: everyone refreshes
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                LogFeedDown(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Broadcast(string site)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(site);
        }
    }

    [LoggerMessage(EventId = 1920, Level = LogLevel.Warning, Message = "Console change feed lost its PostgreSQL connection: {Message}; reconnecting")]
    private static partial void LogFeedDown(ILogger logger, string message);

    private sealed class Lease(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
