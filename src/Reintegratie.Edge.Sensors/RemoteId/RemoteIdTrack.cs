using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>What the assembler knows about one aircraft; instances are pooled and reused.</summary>
internal sealed class RemoteIdTrack
{
    public FixedAscii32 Key;
    public bool KeyIsUasId;
    public bool HasMac;
    public ulong Mac;
    public byte UaType;
    public byte EuCategory;
    public byte EuClass;
    public bool HasOperator;
    public double OperatorLatitude;
    public double OperatorLongitude;
    public long LastSeenTicks;

    public void Reset()
    {
        Key.Clear();
        KeyIsUasId = false;
        HasMac = false;
        Mac = 0;
        UaType = 0;
        EuCategory = 0;
        EuClass = 0;
        HasOperator = false;
        OperatorLatitude = double.NaN;
        OperatorLongitude = double.NaN;
        LastSeenTicks = 0;
    }

    public void CopyStateFrom(RemoteIdTrack other)
    {
        UaType = other.UaType;
        EuCategory = other.EuCategory;
        EuClass = other.EuClass;
        HasOperator = other.HasOperator;
        OperatorLatitude = other.OperatorLatitude;
        OperatorLongitude = other.OperatorLongitude;
    }
}
