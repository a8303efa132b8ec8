using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>The last reported state of every perimeter input (by sensor index), so alerts end only once restored.</summary>
internal sealed class PerimeterInputs
{
    private readonly PerimeterState[] _state;

    public PerimeterInputs(int sensors)
    {
        _state = new PerimeterState[sensors];
    }

    public void Set(int sensor, PerimeterState state)
    {
        if (sensor >= 0 && sensor < _state.Length)
        {
            _state[sensor] = state;
        }
    }

    public PerimeterState Get(int sensor) => sensor >= 0 && sensor < _state.Length ? _state[sensor] : PerimeterState.Normal;

    /// <summary>True when none of <paramref name="sensors"/> is still in <paramref name="state"/>.</summary>
    public bool NoneIn(List<int> sensors, PerimeterState state)
    {
        foreach (var s in sensors)
        {
            if (Get(s) == state)
            {
                return false;
            }
        }

        return true;
    }
}
