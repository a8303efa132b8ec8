using System.Text;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>The GSM sensors one listener serves, looked up by the UTF-8 bytes of a line's <c>sensor</c> field without allocating.</summary>
public sealed class GsmSensorTable
{
    private readonly byte[][] _ids;
    private readonly Sensor[] _sensors;

    /// <summary>Creates the table.</summary>
    public GsmSensorTable(IEnumerable<Sensor> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        _sensors = [.. sensors];
        _ids = [.. _sensors.Select(s => Encoding.UTF8.GetBytes(s.Id))];
    }

    /// <summary>Number of sensors.</summary>
    public int Count => _sensors.Length;

    /// <summary>The sensor at a table position.</summary>
    public Sensor this[int entry] => _sensors[entry];

    /// <summary>The table position of a sensor id, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> id)
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            if (id.SequenceEqual(_ids[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
