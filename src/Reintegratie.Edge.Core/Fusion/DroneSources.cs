namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Source families that contributed to a drone track.</summary>
[Flags]
internal enum DroneSources : byte
{
    None = 0,
    RemoteId = 1,
    Sapient = 2,
    RfDetector = 4,
    Other = 8,
}
