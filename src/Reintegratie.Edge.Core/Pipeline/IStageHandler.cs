namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>One consumer stage's logic; runs on the stage's dedicated thread.</summary>
/// <typeparam name="T">Slot type.</typeparam>
public interface IStageHandler<in T>
{
    /// <summary>
    /// Handles one slot. <paramref name="endOfBatch"/> is true for the last slot available right now, the place to
    /// commit a group (the journal's transaction) or flush. The slot must not be kept after the call returns.
    /// </summary>
    void OnEvent(T data, long sequence, bool endOfBatch);

    /// <summary>Called once on the stage thread after the last event, on shutdown (flush, close).</summary>
    void OnShutdown()
    {
    }
}
