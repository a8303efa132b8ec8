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

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
