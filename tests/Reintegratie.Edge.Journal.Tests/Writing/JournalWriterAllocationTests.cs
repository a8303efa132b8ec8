namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>What journaling an event allocates once the writer is warm: only the row's time text.</summary>
public sealed class JournalWriterAllocationTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OnEvent_SteadyStateDroneEvents_AllocatesOnlyTheRowTimePerEvent()
    {
        using var writer = _f.Open();
        var e = _f.Drone();
        const int Batch = 1000;
        for (var i = 0; i < 2 * Batch; i++)
        {
            writer.OnEvent(e, i, (i + 1) % Batch == 0); // warm: buffers grown, statements prepared
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2 * Batch; i < 4 * Batch; i++)
        {
            writer.OnEvent(e, i, (i + 1) % Batch == 0);
        }

        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (2.0 * Batch);
        writer.Flush();
        Assert.Equal(4 * Batch, writer.Head.Seq);
        // The 27-character time string (78 B) is what is left per row (RowFields carries it to the hash and the held rows).
        Assert.True(perEvent <= 100, $"{perEvent:F1} B allocated per journaled event");
    }
}
