using System.Text;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// The default <see cref="FusionOptions.IdSeed"/> of a gateway: a 64-bit FNV-1a hash of its topic root
/// (<c>{prefix}/{site}/{gateway}</c>). Alert ids are ULIDs whose time part is the event time and whose other 80 bits come
/// from this seed and a counter (<see cref="UlidGenerator"/>); with one seed for every gateway, two gateways raising their
/// n-th alert in the same millisecond made the same id, and the hub (idempotent on alert id and revision) kept only
/// the first. The topic root is what the hub already keys gateways by, so distinct gateways get distinct seeds, and
/// the seed stays the same across restarts and replays.
/// </summary>
public static class AlertIdSeed
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x00000100000001B3UL;

    /// <summary>The seed for the gateway publishing under <paramref name="topicRoot"/>.</summary>
    public static ulong For(string topicRoot)
    {
        ArgumentNullException.ThrowIfNull(topicRoot);
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(topicRoot))
        {
            hash = (hash ^ b) * Prime; // FNV-1a 64 (Fowler, Noll, Vo)
        }

        return hash;
    }
}
