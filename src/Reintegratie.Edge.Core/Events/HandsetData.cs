namespace Reintegratie.Edge.Core.Events;

/// <summary>A handset detection. IMSI and IMEI are already keyed-HMAC pseudonyms; raw values never get here.</summary>
public struct HandsetData
{
    /// <summary>Pseudonym of the IMSI (HasValue false when the umbrella gave none).</summary>
    public Pseudonym Imsi;

    /// <summary>Pseudonym of the IMEI (HasValue false when the umbrella gave none).</summary>
    public Pseudonym Imei;

    /// <summary>Radio technology.</summary>
    public RadioTechnology Technology;

    /// <summary>Band number (e.g. 8 for GSM 900, 20 for LTE 800); 0 when unknown.</summary>
    public short Band;

    /// <summary>Channel number (ARFCN/UARFCN/EARFCN/NR-ARFCN); -1 when unknown.</summary>
    public int Channel;

    /// <summary>Uplink power in dBm; NaN when unknown.</summary>
    public float UplinkDbm;

    /// <summary>Mobile country code (204 = Netherlands); 0 when unknown.</summary>
    public short Mcc;

    /// <summary>Mobile network code; -1 when unknown.</summary>
    public short Mnc;

    /// <summary>What the umbrella did.</summary>
    public HandsetAction Action;

    /// <summary>True when this pseudonym is seen in this zone for the first time within the adapter's novelty window.</summary>
    public bool NewInZone;
}
