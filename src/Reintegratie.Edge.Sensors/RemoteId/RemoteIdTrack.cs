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
    public bool HasFix;
    public double FixLatitude;
    public double FixLongitude;
    public long FixTicks;
    public SpoofReasons Spoof;

    /// <summary>True when this MAC track holds the many UAS ids of a suspect transmitter.</summary>
    public bool Folded;

    /// <summary>True for the receiver's flood track (new ids over the new-track budget).</summary>
    public bool IsFlood;

    /// <summary>The latest UAS id folded in.</summary>
    public FixedAscii32 FoldedId;

    /// <summary>UAS ids folded in (changes of announced id).</summary>
    public int FoldedIds;

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
        HasFix = false;
        FixLatitude = double.NaN;
        FixLongitude = double.NaN;
        FixTicks = 0;
        Spoof = SpoofReasons.None;
        Folded = false;
        IsFlood = false;
        FoldedId.Clear();
        FoldedIds = 0;
    }

    public void CopyStateFrom(RemoteIdTrack other)
    {
        UaType = other.UaType;
        EuCategory = other.EuCategory;
        EuClass = other.EuClass;
        HasOperator = other.HasOperator;
        OperatorLatitude = other.OperatorLatitude;
        OperatorLongitude = other.OperatorLongitude;
        Spoof |= other.Spoof;
    }
}
