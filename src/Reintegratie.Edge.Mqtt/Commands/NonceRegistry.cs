namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Nonces seen per key within the freshness window; older ones are forgotten, because a command that old is refused
/// as stale anyway. Filled at start from the journal (<see cref="Sources.ICommandHistorySource"/>), so a restart does
/// not reopen the window for replays. Used by the single command loop only.
/// </summary>
internal sealed class NonceRegistry
{
    private readonly Dictionary<(string KeyId, string Nonce), DateTimeOffset> _seen = [];
    private readonly TimeSpan _window;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public NonceRegistry(TimeSpan window) => _window = window;

    public int Count => _seen.Count;

    /// <summary>Records the nonce; false when the key already used it within the window.</summary>
    public bool TryUse(string keyId, string nonce, DateTimeOffset issuedAt, DateTimeOffset now)
    {
        if (now >= _nextPrune)
        {
            Prune(now);
        }

        return _seen.TryAdd((keyId, nonce), issuedAt);
    }

    private void Prune(DateTimeOffset now)
    {
        _nextPrune = now + _window;
        var horizon = now - (2 * _window); // issued_at may be up to one window in the future
        foreach (var (key, issued) in _seen.ToList())
        {
            if (issued < horizon)
            {
                _seen.Remove(key);
            }
        }
    }
}
