using MQTTnet;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// The broker addresses of one client in connect order (<c>Mqtt:Host</c>, then <c>Mqtt:FailoverHosts</c>), each with
/// its client options built up front (so a bad certificate fails the start, not the failover). The client stays on an
/// address while connects succeed and moves to the next one after a failed connect; a dropped session is retried on
/// the same node first, since a broker restart or a network blip is more common than a dead node.
/// </summary>
internal sealed class BrokerRotation
{
    private readonly BrokerEndpoint[] _endpoints;
    private readonly MqttClientOptions[] _options;
    private int _index;

    public BrokerRotation(IReadOnlyList<BrokerEndpoint> endpoints, Func<BrokerEndpoint, MqttClientOptions> build)
    {
        _endpoints = [.. endpoints];
        _options = _endpoints.Select(build).ToArray();
    }

    /// <summary>The address the next connect goes to.</summary>
    public BrokerEndpoint Endpoint => _endpoints[_index];

    /// <summary>Its client options.</summary>
    public MqttClientOptions Options => _options[_index];

    /// <summary>How many addresses there are.</summary>
    public int Count => _endpoints.Length;

    /// <summary>A connect to <see cref="Endpoint"/> failed: the next connect goes to the next address (wrapping).</summary>
    public void ConnectFailed() => _index = (_index + 1) % _endpoints.Length;
}
