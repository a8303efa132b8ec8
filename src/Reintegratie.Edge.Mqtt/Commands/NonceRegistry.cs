using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Nonces seen per key within the freshness window, with what the command asked for and, once applied, its answer;
/// older ones are forgotten, because a command that old is refused as stale anyway. Filled at start from the journal
/// (<see cref="Sources.ICommandHistorySource"/>), so a restart does not reopen the window for replays. Used by the
/// single command loop only.
/// </summary>
internal sealed class NonceRegistry
{
    private readonly Dictionary<(string KeyId, string Nonce), Entry> _seen = [];
    private readonly TimeSpan _window;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public NonceRegistry(TimeSpan window) => _window = window;

    public int Count => _seen.Count;

    /// <summary>Records the nonce; false when the key already used it within the window.</summary>
    public bool TryUse(string keyId, string nonce, DateTimeOffset issuedAt, DateTimeOffset now, string? fingerprint = null)
    {
        if (now >= _nextPrune)
        {
            Prune(now);
        }

        return _seen.TryAdd((keyId, nonce), new Entry(issuedAt, fingerprint));
    }

    /// <summary>Records the answer of the command that used the nonce (it was applied).</summary>
    public void Applied(string keyId, string nonce, CommandResult result)
    {
        if (_seen.TryGetValue((keyId, nonce), out var entry))
        {
            entry.Result = result;
        }
    }

    /// <summary>The first answer when the nonce belongs to an applied command that asked for exactly <paramref name="fingerprint"/>.</summary>
    public CommandResult? AppliedAs(string keyId, string nonce, string fingerprint) =>
        _seen.TryGetValue((keyId, nonce), out var entry) && entry.Result is { } result && string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal)
            ? result
            : null;

    private void Prune(DateTimeOffset now)
    {
        _nextPrune = now + _window;
        var horizon = now - (2 * _window); // issued_at may be up to one window in the future
        foreach (var (key, entry) in _seen.ToList())
        {
            if (entry.IssuedAt < horizon)
            {
                _seen.Remove(key);
            }
        }
    }

    private sealed class Entry(DateTimeOffset issuedAt, string? fingerprint)
    {
        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public string? Fingerprint { get; } = fingerprint;

        public CommandResult? Result { get; set; }
    }
}
