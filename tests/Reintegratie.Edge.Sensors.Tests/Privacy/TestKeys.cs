using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Privacy;

/// <summary>Fixed keys for tests.</summary>
public static class TestKeys
{
    public static byte[] KeyA { get; } = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static byte[] KeyB { get; } = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    public static Pseudonymiser Create(byte keyId = 1) => new(KeyA, keyId);
}
