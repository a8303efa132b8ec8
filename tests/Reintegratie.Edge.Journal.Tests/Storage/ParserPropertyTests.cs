using CsCheck;
using Reintegratie.Edge.Journal.Reporting;
using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

public sealed class ParserPropertyTests
{
    [Fact]
    public void JournalHeadTryParse_AnyString_ValueOrCleanRejection() =>
        Gen.String.Sample(s => JournalHead.TryParse(s, out var h) ? h.Hash.Length == 64 && h.Seq >= 0 : h == JournalHead.Empty);

    [Fact]
    public void JournalHead_RoundTrip() =>
        Gen.Long[0, long.MaxValue].Select(Gen.Byte.Array[32]).Sample((seq, hash) =>
        {
            var head = new JournalHead(seq, Convert.ToHexStringLower(hash));
            return JournalHead.TryParse(head.ToString(), out var back) && back == head;
        });

    [Fact]
    public void TertaalTryParse_AnyString_ValueOrCleanRejection() =>
        Gen.String.Sample(s => Tertaal.TryParse(s, out var p, out var reason) ? reason.Length == 0 && p.Number is >= 1 and <= 3 : reason.Length > 0);

    [Fact]
    public void Tertaal_RoundTrip() =>
        Gen.Int[1000, 9999].Select(Gen.Int[1, 3]).Sample((year, n) =>
            Tertaal.TryParse(new Tertaal(year, n).ToString(), out var back, out _) && back == new Tertaal(year, n)
            && back.End == back.Start.AddMonths(4));

    [Fact]
    public void CheckpointPayloadTryParse_AnyString_ValueOrCleanRejection() =>
        Gen.String.Sample(s => CheckpointPayload.TryParse(s, out _, out var reason) ? reason.Length == 0 : reason.Length > 0);

    [Fact]
    public void CheckpointPayload_RoundTrip() =>
        Gen.Long[1, 1_000_000].Select(Gen.Long[0, 1000]).Array[0, 20].Select(Gen.Long[0, 4_000_000_000]).Sample((items, seconds) =>
        {
            var ranges = items.Select(i => new PurgedRange(i.Item1, i.Item1 + i.Item2)).ToList();
            var cutoff = JournalTime.ToText(DateTimeOffset.UnixEpoch.AddSeconds(seconds));
            var json = System.Text.Encoding.UTF8.GetString(CheckpointPayload.Write(ranges, new Dictionary<string, int> { ["handset"] = ranges.Count }, new Dictionary<string, string> { ["handset"] = cutoff }));
            return CheckpointPayload.TryParse(json, out var back, out _)
                && back.Ranges.SequenceEqual(ranges)
                && back.Cutoffs["handset"] == cutoff;
        });
}
