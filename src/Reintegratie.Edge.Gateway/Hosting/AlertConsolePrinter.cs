using System.Buffers;
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
/// Plaintext only (the embedded broker or a loopback test broker); with TLS use mosquitto_sub.
/// </summary>
public sealed partial class AlertConsolePrinter(MqttOptions options, TimeProvider time, ILogger<AlertConsolePrinter> logger) : BackgroundService
{
    private readonly TextWriter _out = Console.Out;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = new MqttTopics(options.Prefix, options.Site, options.Gateway);
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var line = System.Text.Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
            lock (_out)
            {
                _out.WriteLine(line);
                _out.Flush();
            }

            return Task.CompletedTask;
        };
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
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Alert printer reconnecting: {Reason}")]
    private static partial void LogRetry(ILogger logger, string reason);
}
