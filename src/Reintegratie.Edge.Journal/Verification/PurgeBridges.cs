using Reintegratie.Edge.Journal.Retention;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>Every purged range the checkpoints record: coverage of missing seqs and the hash each gap links to.</summary>
internal sealed class PurgeBridges
{
    private readonly List<(long From, long To)> _ranges = [];
    private readonly Dictionary<long, byte[]> _lastHash = [];
    private bool _sorted = true;

    public void Add(PurgedRange range)
    {
        _ranges.Add((range.From, range.To));
        _lastHash[range.To] = range.LastHash;
        _sorted = false;
    }

    /// <summary>True when every seq in <paramref name="from"/>..<paramref name="to"/> was purged and the hash of row <paramref name="to"/> is recorded.</summary>
    public bool Covers(long from, long to, long nextSeq, out byte[] lastHash)
    {
        lastHash = [];
        if (!_lastHash.TryGetValue(nextSeq - 1, out var hash))
        {
            return false;
        }

        if (!_sorted)
        {
            Merge();
        }

        // Merged ranges are disjoint and sorted: find the one holding 'from'; it must reach 'to'.
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].To < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (lo >= _ranges.Count || _ranges[lo].From > from || _ranges[lo].To < to)
        {
            return false;
        }

        lastHash = hash;
        return true;
    }

    private void Merge()
    {
        _ranges.Sort();
        var merged = new List<(long From, long To)>(_ranges.Count);
        foreach (var r in _ranges)
        {
            if (merged.Count > 0 && r.From <= merged[^1].To + 1)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, r.To));
            }
            else
            {
                merged.Add(r);
            }
        }

        _ranges.Clear();
        _ranges.AddRange(merged);
        _sorted = true;
    }
}
