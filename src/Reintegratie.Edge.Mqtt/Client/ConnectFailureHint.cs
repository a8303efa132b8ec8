using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// Explains a failed MQTT 5 CONNECT that the log line alone would misread. A broker that does not speak MQTT 5
/// (RabbitMQ before 3.13, for one) cannot parse the CONNECT (protocol level 5, §3.1.2.2) and closes the socket without
/// a CONNACK; MQTTnet reports that as "Error while authenticating. Connection closed.", which points at credentials.
/// </summary>
internal static class ConnectFailureHint
{
    /// <summary>The hint for the log line (starts with "; "), or empty when there is nothing to add.</summary>
    public static string For(Exception exception, bool v5) =>
        v5 && exception is MqttConnectingFailedException { InnerException: MqttCommunicationException and not MqttConnectingFailedException }
            ? "; the broker closed the connection without a CONNACK: if it does not support MQTT 5 (e.g. RabbitMQ before 3.13), set Mqtt:ProtocolVersion to 3.1.1"
            : string.Empty;
}
