namespace Reintegratie.Edge.Core.Tests.Pipeline;

/// <summary>A minimal slot for ring tests.</summary>
public sealed class LongSlot
{
    public long Value;
    public int Producer;
}
