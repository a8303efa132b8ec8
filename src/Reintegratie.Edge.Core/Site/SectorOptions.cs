namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// Maps bearing-only detections of one sensor to a zone (configuration <c>Site:Sectors:N</c>). Bearings are
/// degrees clockwise from true north; a sector may wrap through north (From 330, To 30).
/// </summary>
public sealed class SectorOptions
{
    /// <summary>Sensor id the sector belongs to.</summary>
    public string Sensor { get; set; } = string.Empty;

    /// <summary>First bearing of the sector (inclusive).</summary>
    public double FromDeg { get; set; }

    /// <summary>Last bearing of the sector (exclusive).</summary>
    public double ToDeg { get; set; }

    /// <summary>Zone id the sector covers.</summary>
    public string Zone { get; set; } = string.Empty;
}
