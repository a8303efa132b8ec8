using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>The real fsync of the WAL, which a test can hold (until released) or make fail.</summary>
internal sealed class ControlledWalSync(string journalPath) : WalSync(journalPath)
{
    private readonly ManualResetEventSlim _go = new(true);
    private volatile Exception? _failure;

    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>The managed thread that ran the last sync (the journal thread inline, or the sync thread).</summary>
    public int LastThreadId { get; private set; }

    public void Hold()
    {
        _go.Reset();
        while (Entered.Wait(0))
        {
            // forget the syncs before this point (the one at open)
        }
    }

    public void Release() => _go.Set();

    public void Fail(Exception? failure) => _failure = failure;

    public override void Sync()
    {
        LastThreadId = Environment.CurrentManagedThreadId;
        Entered.Release();
        _go.Wait();
        if (_failure is { } failure)
        {
            throw failure;
        }

        base.Sync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _go.Dispose();
            Entered.Dispose();
        }

        base.Dispose(disposing);
    }
}
