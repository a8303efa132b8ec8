namespace Reintegratie.Edge.Sensors;

/// <summary>
/// One running sensor (or one listener serving several sensors). An adapter owns its transport: it opens, reads,
/// frames, parses, reconnects with backoff and jitter, and reports health through the registry. No exception
/// escapes <see cref="RunAsync"/> except <see cref="OperationCanceledException"/> on shutdown.
/// </summary>
public interface ISensorAdapter : IAsyncDisposable
{
    /// <summary>Name for logs (sensor id, or listener address).</summary>
    string Name { get; }

    /// <summary>
    /// The sensor indexes this adapter serves: when it fails or stalls, these sensors (and no others) get a
    /// <c>sensor_fault</c>. One sensor for most families; every sensor on the listener for SAPIENT and GSM over TCP.
    /// </summary>
    IReadOnlyList<int> Sensors { get; }

    /// <summary>The turns of the adapter's loops, which the supervisor watches for a stall.</summary>
    AdapterProgress Progress { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
