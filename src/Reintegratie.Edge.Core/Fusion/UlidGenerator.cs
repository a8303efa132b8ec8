namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Deterministic ULIDs: the 48-bit time part is the alert's event time in Unix milliseconds, the 80-bit
/// "random" part is SplitMix64 of a seeded counter. The same events in the same order with the same seed give
/// the same ids, so a replay of the journal reproduces the published alerts exactly.
/// </summary>
public sealed class UlidGenerator : IAlertIdGenerator
{
    private const long MaxTime = (1L << 48) - 1;
    private readonly ulong _seed;
    private ulong _counter;

    /// <summary>Creates a generator; <paramref name="seed"/> separates gateways or runs that must not share ids.</summary>
    public UlidGenerator(ulong seed = 0)
        : this(seed, 0)
    {
    }

    /// <summary>
    /// Creates a generator whose counter stands at <paramref name="counter"/> (ids made so far): a replay continues the
    /// counter a gateway journaled in its start marker.
    /// </summary>
    public UlidGenerator(ulong seed, ulong counter)
    {
        _seed = seed;
        _counter = counter;
    }

    /// <summary>The seed.</summary>
    public ulong Seed => _seed;

    /// <summary>Ids made so far (the next id uses this plus one).</summary>
    public ulong Counter => _counter;

    /// <inheritdoc />
    public string NewId(DateTimeOffset at)
    {
        var ms = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, MaxTime);
        _counter++;
        var hi = Mix(_seed ^ (_counter * 0x9E3779B97F4A7C15UL));
        var lo = Mix(hi ^ _counter);
        var random = ((UInt128)(hi & 0xFFFF) << 64) | lo; // 16 + 64 = 80 bits
        return CrockfordBase32.EncodeUlid(((UInt128)(ulong)ms << 80) | random);
    }

    /// <summary>The Unix-millisecond time part of a ULID string, or null when it is not a ULID.</summary>
    public static long? TimeOf(string id) =>
        id is not null && CrockfordBase32.TryDecodeUlid(id, out var v) ? (long)(ulong)(v >> 80) : null;

    // SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective mix, so distinct counters give distinct outputs.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
