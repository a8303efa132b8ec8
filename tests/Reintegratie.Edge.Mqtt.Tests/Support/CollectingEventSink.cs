using System.Collections.Concurrent;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>An <see cref="IEventSink"/> that records health events and operator commands; <see cref="Responder"/> plays fusion.</summary>
public sealed class CollectingEventSink : IEventSink
{
    public ConcurrentQueue<(EventHeader Header, HealthData Health)> Health { get; } = new();

    /// <summary>Commands accepted (signed, fresh) and passed to fusion.</summary>
    public IReadOnlyList<(EventHeader Header, OperatorCommand Command)> Commands => [.. All.Where(c => c.Command.Refusal is null)];

    /// <summary>Refused commands put into the ring to be journaled.</summary>
    public IReadOnlyList<OperatorCommand> Refused => [.. All.Where(c => c.Command.Refusal is not null).Select(c => c.Command)];

    /// <summary>Every command event, accepted or refused.</summary>
    public ConcurrentQueue<(EventHeader Header, OperatorCommand Command)> All { get; } = new();

    /// <summary>Fusion's answer to a command; null = no answer (the publisher times out).</summary>
    public Func<OperatorCommand, CommandResult?> Responder { get; set; } = _ => null;

    /// <summary>Plays the journal too: an answered command is durable at once (false = never, as a journal that cannot commit).</summary>
    public bool Journal { get; set; } = true;

    /// <summary>False plays a full ring: commands are refused.</summary>
    public bool Accept { get; set; } = true;

    public IEnumerable<string> GatewayReasons => Health.Where(h => h.Header.Kind == EventKind.Gateway).Select(h => h.Health.Reason.ToString());

    public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

    public bool PublishHealth(in EventHeader header, in HealthData health)
    {
        Health.Enqueue((header, health));
        return true;
    }

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment)
    {
        if (!Accept)
        {
            return false;
        }

        if (attachment is OperatorCommand command)
        {
            All.Enqueue((header, command));
            if (command.Refusal is null && Responder(command) is { } result)
            {
                command.Completion?.TrySetResult(result);
                if (Journal)
                {
                    command.Journaled?.TrySetResult();
                }
            }
        }

        return true;
    }
}
