using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// The track keys refused a track most recently, in two generations of a fixed capacity: a key is remembered for at
/// least <c>capacity</c> later insertions, memory never grows and nothing is allocated after construction (a full
/// generation becomes the old one and the old one is cleared for reuse).
/// </summary>
internal sealed class RecentKeys
{
    private readonly int _capacity;
    private Dictionary<FixedAscii32, byte> _current;
    private Dictionary<FixedAscii32, byte> _previous;

    public RecentKeys(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _current = new Dictionary<FixedAscii32, byte>(capacity);
        _previous = new Dictionary<FixedAscii32, byte>(capacity);
    }

    /// <summary>True when <paramref name="key"/> was added and not yet forgotten; removes it.</summary>
    public bool Take(in FixedAscii32 key) => _current.Remove(key) | _previous.Remove(key);

    public void Add(in FixedAscii32 key)
    {
        if (_current.Count >= _capacity)
        {
            (_current, _previous) = (_previous, _current);
            _current.Clear();
        }

        _current.TryAdd(key, 0);
    }
}
