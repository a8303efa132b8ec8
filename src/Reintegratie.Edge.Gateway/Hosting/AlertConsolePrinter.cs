using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// <c>--print-alerts</c>: a real MQTT subscriber on <c>…/alerts</c> that writes each lifecycle message, exactly as the
/// broker delivers it, as one line on standard output (logs go to standard error). Reconnects with backoff.
/// Plaintext only (the embedded broker or a loopback test broker); with TLS use mosquitto_sub. The receive handler only
/// queues the line: a full standard output pipe then holds this service's own loop, never MQTTnet's receive path (with
/// inline socket completions that runs on the socket engine's thread).
/// </summary>
public sealed partial class AlertConsolePrinter(MqttOptions options, TimeProvider time, ILogger<AlertConsolePrinter> logger) : BackgroundService
{
    private readonly TextWriter _out = Console.Out;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = new MqttTopics(options.Prefix, options.Site, options.Gateway);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            _lines.Writer.TryWrite(System.Text.Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())); // unbounded: never fails, never waits
            return Task.CompletedTask;
        };
        var printing = Task.Run(PrintAsync, CancellationToken.None);
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.EffectiveHost, options.EffectivePort)
            .WithClientId($"{options.EffectiveClientId}-console")
            .WithCleanSession(true)
            .Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                    await client.SubscribeAsync(topics.Alerts, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                    backoff.Reset();
                }

                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
                if (!await client.TryPingAsync(stoppingToken).ConfigureAwait(false))
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRetry(logger, ex.Message);
                await Task.Delay(backoff.Next(), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _lines.Writer.TryComplete(); // what was received is still printed
        await printing.ConfigureAwait(false);
    }

    private async Task PrintAsync()
    {
        await foreach (var line in _lines.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await _out.WriteLineAsync(line).ConfigureAwait(false);
            await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Alert printer reconnecting: {Reason}")]
    private static partial void LogRetry(ILogger logger, string reason);
}
