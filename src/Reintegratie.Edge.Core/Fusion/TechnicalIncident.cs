namespace Reintegratie.Edge.Core.Fusion;

/// <summary>One technical alert (per sensor and kind) and what must happen before it may end.</summary>
internal sealed class TechnicalIncident
{
    public TechnicalIncident(AlertState alert, int sensor)
    {
        Alert = alert;
        Sensor = sensor;
    }

    public AlertState Alert { get; }

    public int Sensor { get; }

    public DateTimeOffset LastReport { get; set; }

    /// <summary>Raised by a health report: ends only when the sensor reports online again.</summary>
    public bool FromHealth { get; set; }

    /// <summary>Raised by a perimeter input state: ends after the quiet period once the input is restored.</summary>
    public bool FromPerimeter { get; set; }
}
