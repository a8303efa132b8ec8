using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// The cable between a simulated serial sensor and the gateway: a pty pair at a stable link path that can be pulled
/// (<see cref="Unplug"/>) and plugged back (<see cref="Replug"/>). Lines written while unplugged are lost, as on a real cable.
/// </summary>
public sealed class SerialSimulatedLink : IDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private PtyPair? _pair;

    /// <summary>Creates a link whose device path will be <paramref name="linkPath"/>.</summary>
    public SerialSimulatedLink(string linkPath) => LinkPath = linkPath;

    /// <summary>The stable device path for the gateway's configuration.</summary>
    public string LinkPath { get; }

    /// <summary>True while the pair is open.</summary>
    public bool IsPlugged
    {
        get
        {
            lock (_gate)
            {
                return _pair is not null;
            }
        }
    }

    /// <summary>Opens the pair (idempotent).</summary>
    public void Replug()
    {
        lock (_gate)
        {
            _pair ??= PtyPair.Open(LinkPath);
        }
    }

    /// <summary>Closes the pair: the gateway's reads fail and the link path disappears.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            _pair?.Dispose();
            _pair = null;
        }
    }

    /// <summary>Writes one line (CR LF appended); returns false when unplugged.</summary>
    public Task<bool> WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);

    /// <summary>Writes bytes (a line or a binary frame); returns false when unplugged.</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PtyPair? pair;
            lock (_gate)
            {
                pair = _pair;
            }

            if (pair is null)
            {
                return false;
            }

            await pair.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false; // pulled while writing
        }
        finally
        {
            _write.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Unplug();
        _write.Dispose();
    }
}
