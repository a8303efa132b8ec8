using Google.Protobuf;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// What the SAPIENT listener does with one decoded message (SapientConnection.HandleAsync): validate; a
/// non-conforming message is answered with an Error message quoting its bytes; a conforming one has a UUID node id
/// (the connection parses it without a check) and a detection becomes a drone event.
/// </summary>
internal static class SapientPipeline
{
    private static readonly Guid s_gateway = Guid.Parse("00000000-0000-4000-8000-00000000fa22");
    private static readonly DateTimeOffset s_at = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SapientNode s_node =
        new(FuzzSite.Model.Sensors.First(s => s.Family == SensorFamily.Sapient), Guid.Parse("6f1c2b8e-3d4a-4c5b-9e6f-7a8b9c0d1e2f"));

    public static void Handle(SapientMessage message)
    {
        if (SapientValidator.Validate(message) is { } violation)
        {
            if (string.IsNullOrEmpty(violation.Path) || string.IsNullOrEmpty(violation.Reason))
            {
                throw new FuzzContractException("SapientValidator reported a violation without a path or reason");
            }

            var packet = message.ToByteArray();
            Guid? sender = Guid.TryParseExact(message.NodeId, "D", out var g) ? g : null;
            _ = SapientFraming.Encode(SapientMessages.Error(s_gateway, sender, packet, violation.ToString(), s_at));
            return;
        }

        _ = Guid.ParseExact(message.NodeId, "D");
        if (message.ContentCase == SapientMessage.ContentOneofCase.DetectionReport)
        {
            SapientDetectionMapper.Map(message.DetectionReport, s_node, FuzzSite.Model, s_at, out _, out _);
        }
    }
}
