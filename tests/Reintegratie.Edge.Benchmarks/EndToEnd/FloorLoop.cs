using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The floor's own process (<see cref="FloorBaseline"/> starts it): the least this design must do per event, on ONE
/// thread with no pipeline. It reads <c>$PRFDT</c> frames from a real pty (<see cref="TtyStream"/>, poll and read on this
/// thread, as the gateway's tty-poll thread), cuts lines (<see cref="LineFramer"/>), decodes them
/// (<see cref="RfSentenceParser"/>, the adapter's fields), journals the row with the gateway's
/// <see cref="JournalWriter"/> (one transaction per event, the fsync run inline on this thread as the gateway's journal
/// thread runs it at 1k/s), passes the journal's durability gate, formats the gateway's event payload
/// (<see cref="EventPayload"/>) and starts the QoS 1 publish through the gateway's <see cref="MqttPublishChannel"/>
/// (MQTT 5, message expiry; the PUBACK completes on MQTTnet's threads and is counted by a continuation, as the gateway's
/// events feed counts it). Anything the gateway does beyond this is its pipeline's cost.
/// </summary>
/// <remarks>
/// Arguments after <c>--floor</c>: pty slave path, broker port, a directory for the journal, frames to handle in all,
/// frames of warm-up (not in the per-piece figures), and <c>timed</c> or <c>plain</c>. Timed runs read the thread's CPU
/// clock (a system call each) around every piece and report µs per event by piece; plain runs (the headline CPU %) do
/// not. Prints <c>READY</c> once the pty, the journal and the connection are open, and one <c>FLOOR</c> line at the end.
/// </remarks>
internal static class FloorLoop
{
    public const string Argument = "--floor";

    /// <summary>The floor publishes here; the harness subscribes to it as to the gateway's events.</summary>
    public const string Topic = "pi-edge/bench/floor/events/drone";

    private const uint ExpirySeconds = 60; // Mqtt:Events:MessageExpirySeconds' default

    public static int Run(string[] args)
    {
        var exit = 1;
        var thread = new Thread(() => exit = Loop(args)) { Name = "floor" }; // its per-thread CPU in /proc is this name (the main thread keeps "dotnet")
        thread.Start();
        thread.Join();
        return exit;
    }

    private static int Loop(string[] args)
    {
        var slave = args[1];
        var port = int.Parse(args[2], CultureInfo.InvariantCulture);
        var journalPath = Path.Combine(args[3], "journal.db");
        var frames = long.Parse(args[4], CultureInfo.InvariantCulture);
        var warmup = long.Parse(args[5], CultureInfo.InvariantCulture);
        var timed = args[6] == "timed";

        using var client = new MqttClientFactory().CreateMqttClient();
        client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("bench-floor-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Build()).GetAwaiter().GetResult();
        var wal = timed ? new TimedWalSync(journalPath) : new WalSync(journalPath);
        using var journal = JournalWriter.Open(new JournalOptions { Path = journalPath }, JournalThroughput.Site, TimeProvider.System, null, wal);
        using var handler = new Handler(journal, new MqttPublishChannel(client, v5: true), warmup, timed);
        journal.SyncInlineWhenIdle(() => handler.Sequence); // the journal's idle rule, with the newest line read as the ring's cursor
        using var tty = TtyStream.Open(slave, 115_200);
        var framer = new LineFramer(handler, 128); // RfDetector:MaxLineBytes' default
        var buffer = new byte[4096];
        Console.Out.WriteLine("READY");
        Console.Out.Flush();

        while (handler.Handled < frames)
        {
            var c0 = timed ? CallingThreadCpu.Microseconds() : 0;
            var n = tty.Read(buffer);
            if (timed && handler.Measuring)
            {
                handler.ReadUs += CallingThreadCpu.Microseconds() - c0;
                ((TimedWalSync)wal).Counting = true;
            }

            if (n == 0)
            {
                break; // the harness closed the pty
            }

            // Every line of one read is one batch (one commit, one fsync), as the ring batches what piled up behind a
            // stage: the bench's frames end in CR LF, so the CRs count the lines that end in this read.
            var chunk = buffer.AsSpan(0, n);
            handler.LinesInRead = chunk.Count((byte)'\r');
            framer.Feed(chunk);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (handler.Acknowledged + handler.Failed < handler.Handled && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        var measured = Math.Max(1, handler.Handled - warmup);
        var fsyncUs = wal is TimedWalSync t ? t.CpuUs : double.NaN;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FLOOR {handler.Handled} {handler.Acknowledged} {handler.Failed} {journal.InlineSyncs} {journal.Syncs} {handler.Malformed} "
            + $"{handler.ReadUs / measured} {handler.DecodeUs / measured} {(handler.JournalUs - fsyncUs) / measured} {fsyncUs / measured} {handler.PublishUs / measured}"));
        Console.Out.Flush();
        return handler.Acknowledged == handler.Handled ? 0 : 1;
    }

    /// <summary>The floor as the parent reads it back: counts, and CPU µs per measured event by piece (NaN in plain runs).</summary>
    public sealed record Report(long Handled, long Acknowledged, long Failed, long InlineSyncs, long Syncs, long Malformed,
        double ReadUs, double DecodeUs, double InsertUs, double FsyncUs, double PublishUs)
    {
        public static Report? Parse(string? line)
        {
            if (line is null || !line.StartsWith("FLOOR ", StringComparison.Ordinal))
            {
                return null;
            }

            var f = line.Split(' ');
            long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new Report(L(1), L(2), L(3), L(4), L(5), L(6), D(7), D(8), D(9), D(10), D(11));
        }
    }

    /// <summary>Decode and journal each line of a read; at its last line, commit (and fsync), pass the gate and publish them.</summary>
    private sealed class Handler : ILineHandler, IStageHandler<SensorEvent>, IDisposable
    {
        private const int MaxBatch = 64;
        private readonly JournalWriter _journal;
        private readonly DurableStage _gate;
        private readonly MqttPublishChannel _channel;
        private readonly EventPayload _payload = new(JournalThroughput.Site);
        private readonly SensorEvent[] _batch = [.. Enumerable.Range(0, MaxBatch).Select(_ => new SensorEvent())]; // the ring's slots
        private readonly long _firstEventId;
        private readonly long _warmup;
        private readonly bool _timed;
        private int _held;
        private long _sequence = -1;
        private long _acknowledged;
        private long _failed;

        public Handler(JournalWriter journal, MqttPublishChannel channel, long warmup, bool timed)
        {
            _journal = journal;
            _gate = journal.AfterDurable(this);
            _channel = channel;
            _firstEventId = journal.NextEventId;
            _warmup = warmup;
            _timed = timed;
        }

        /// <summary>Lines that end in the read being framed and are not handled yet.</summary>
        public int LinesInRead { get; set; }

        public long Sequence => Volatile.Read(ref _sequence);

        public long Handled => _sequence + 1;

        public bool Measuring => _sequence + 1 >= _warmup;

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        public long Failed => Interlocked.Read(ref _failed);

        public long Malformed { get; private set; }

        public double ReadUs { get; set; }

        public double DecodeUs { get; private set; }

        public double JournalUs { get; private set; }

        public double PublishUs { get; private set; }

        public void OnLine(ReadOnlySpan<byte> line)
        {
            var timed = _timed && Measuring;
            var c0 = timed ? CallingThreadCpu.Microseconds() : 0;
            var last = --LinesInRead <= 0 || _held == MaxBatch - 1;
            if (!RfSentenceParser.TryParse(line, out var s, out _))
            {
                Malformed++; // none in the bench; the read's earlier events, if any, then go with the next read's batch
                return;
            }

            // The adapter's event (RfDetectorAdapter.OnLine) with the ring's event id.
            var d = s.ToDroneData();
            var sequence = _sequence + 1;
            var e = _batch[_held++];
            var zone = JournalThroughput.Site.SectorZone(0, s.BearingDeg);
            e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, 0, zone, TimeProvider.System.GetUtcNow()));
            e.EventId = _firstEventId + sequence;
            e.Drone = d;
            Volatile.Write(ref _sequence, sequence); // the journal's idle rule reads it as the ring's cursor
            var c1 = timed ? CallingThreadCpu.Microseconds() : 0;
            _journal.OnEvent(e, sequence, endOfBatch: last); // the batch's last event commits, and fsyncs inline when nothing is behind it
            var c2 = timed ? CallingThreadCpu.Microseconds() : 0;
            if (last)
            {
                Publish(sequence);
            }

            if (timed)
            {
                var c3 = CallingThreadCpu.Microseconds();
                DecodeUs += c1 - c0;
                JournalUs += c2 - c1;
                PublishUs += c3 - c2;
            }
        }

        public void OnOverlongLine(ReadOnlySpan<byte> start, long length) => Malformed++;

        /// <summary>After the gate: format and start the publish; the PUBACK is counted off this thread.</summary>
        public void OnEvent(SensorEvent data, long sequence, bool endOfBatch) =>
            _ = Acknowledge(_channel.Send(new OutgoingMessage(Topic, _payload.Format(data), Retain: false, ExpirySeconds)));

        public void Dispose() => _payload.Dispose();

        /// <summary>The batch through the journal's durability gate (it waits only when the sync went to the sync thread), each event then published.</summary>
        private void Publish(long lastSequence)
        {
            var first = lastSequence - _held + 1;
            for (var i = 0; i < _held; i++)
            {
                _gate.OnEvent(_batch[i], first + i, endOfBatch: i == _held - 1);
            }

            _held = 0;
        }

        private async Task Acknowledge(Task<MqttClientPublishResult> publish)
        {
            try
            {
                var result = await publish.ConfigureAwait(false);
                Interlocked.Increment(ref MqttPublishChannel.Accepted(result.ReasonCode) ? ref _acknowledged : ref _failed);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    /// <summary>The journal's WAL sync with the calling thread's CPU counted around it: the fsync's own share of a commit.</summary>
    private sealed class TimedWalSync(string journalPath) : WalSync(journalPath)
    {
        public double CpuUs { get; private set; }

        /// <summary>Past the warm-up: syncs count from now on.</summary>
        public bool Counting { get; set; }

        public override void Sync()
        {
            if (!Counting)
            {
                base.Sync();
                return;
            }

            var c0 = CallingThreadCpu.Microseconds();
            base.Sync();
            CpuUs += CallingThreadCpu.Microseconds() - c0;
        }
    }
}
