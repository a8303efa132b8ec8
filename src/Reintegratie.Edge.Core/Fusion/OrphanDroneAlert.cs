using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>A restored incursion waiting for the first live track with the same UAS id or track id to adopt it.</summary>
/// <param name="Alert">The restored alert.</param>
/// <param name="UasId">Its UAS id (empty when it had none).</param>
/// <param name="TrackId">Its track id (empty when it had none).</param>
internal readonly record struct OrphanDroneAlert(AlertState Alert, FixedAscii32 UasId, FixedAscii32 TrackId)
{
    public bool Matches(in FixedAscii32 uasId, in FixedAscii32 trackId) =>
        (!UasId.IsEmpty && UasId == uasId) || (!TrackId.IsEmpty && TrackId == trackId);
}
