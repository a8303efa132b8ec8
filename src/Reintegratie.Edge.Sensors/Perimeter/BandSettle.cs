using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// The settle rule for sampled (EOL) inputs: a band counts once it was seen in <c>settleSamples</c> consecutive
/// samples, the sampled equivalent of "stable for the debounce time". Not thread-safe: used under the adapter's lock.
/// </summary>
internal sealed class BandSettle(int settleSamples)
{
    private PerimeterState _band;
    private int _run;

    /// <summary>Forgets the run (after a failed read or a restart): the next sample starts a new one.</summary>
    public void Reset() => _run = 0;

    /// <summary>
    /// Takes one sample's band. <paramref name="changed"/> is true when it differs from the previous sample's band (a raw
    /// transition, counted for chatter); returns true when the band has now held for the settle count.
    /// </summary>
    public bool Observe(PerimeterState band, out bool changed)
    {
        changed = _run > 0 && band != _band;
        if (_run > 0 && band == _band)
        {
            _run = Math.Min(_run + 1, settleSamples);
        }
        else
        {
            _band = band;
            _run = 1;
        }

        return _run >= settleSamples;
    }
}
