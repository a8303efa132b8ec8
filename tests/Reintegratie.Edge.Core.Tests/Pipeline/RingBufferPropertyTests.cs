using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

/// <summary>Invariants under real concurrency: every published item is seen exactly once, per-producer order holds.</summary>
public sealed class RingBufferPropertyTests
{
    [Fact]
    public void ManyProducers_AnyCapacityAndCount_EveryItemOnceInProducerOrder()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 6], Gen.Int[1, 3000]).Sample((producers, capacityLog2, perProducer) =>
        {
            var ring = new RingBuffer<LongSlot>(1 << capacityLog2 << 1, () => new LongSlot());
            var first = new RecordingHandler();
            var second = new RecordingHandler();
            var s1 = new EventProcessor<LongSlot>("a", ring, ring.NewBarrier(), first, NullLogger.Instance);
            var s2 = new EventProcessor<LongSlot>("b", ring, ring.NewBarrier(s1.Sequence), second, NullLogger.Instance);
            ring.AddGatingSequences(s2.Sequence);
            using var cts = new CancellationTokenSource();
            s1.Start(cts.Token);
            s2.Start(cts.Token);

            var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
            {
                for (long i = 0; i < perProducer; i++)
                {
                    var s = ring.Next();
                    ring[s].Value = i;
                    ring[s].Producer = p;
                    ring.Publish(s);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var total = producers * perProducer;
            var ok = second.WaitForCount(total, TimeSpan.FromSeconds(60));
            cts.Cancel();
            s1.Join(TimeSpan.FromSeconds(10));
            s2.Join(TimeSpan.FromSeconds(10));
            if (!ok || first.Count != total || second.Count != total)
            {
                return false;
            }

            // Sequences are gapless and each producer's values arrive in the order it published them, at both stages.
            return second.Seen.Select(x => x.Sequence).SequenceEqual(Enumerable.Range(0, total).Select(i => (long)i))
                && Enumerable.Range(0, producers).All(p =>
                    second.Seen.Where(x => x.Producer == p).Select(x => x.Value).SequenceEqual(Enumerable.Range(0, perProducer).Select(i => (long)i)));
        }, iter: 25);
    }
}
