namespace Reintegratie.Edge.Core.Fusion;

/// <summary>A breach or drop alert with the inputs that fed it and its last alarm time (for escalation and end).</summary>
internal sealed class PerimeterIncident
{
    public PerimeterIncident(AlertState alert, DateTimeOffset lastAlarm)
    {
        Alert = alert;
        LastAlarm = lastAlarm;
    }

    public AlertState Alert { get; }

    public DateTimeOffset LastAlarm { get; set; }

    /// <summary>Sensor indexes of the inputs that alarmed.</summary>
    public List<int> Inputs { get; } = new(4);

    /// <summary>For a drop: the incursion it follows.</summary>
    public string? IncursionId { get; init; }

    public void AddInput(int sensor)
    {
        if (sensor >= 0 && !Inputs.Contains(sensor))
        {
            Inputs.Add(sensor);
        }
    }

    /// <summary>Records an alarm: evidence, sensor, input and time; true when the sensor is new to the alert.</summary>
    public bool Alarm(int sensor, string sensorId, long eventId, DateTimeOffset at)
    {
        Alert.AddEvidence(eventId, at);
        AddInput(sensor);
        if (at > LastAlarm)
        {
            LastAlarm = at;
        }

        return Alert.AddSensor(sensorId);
    }
}
