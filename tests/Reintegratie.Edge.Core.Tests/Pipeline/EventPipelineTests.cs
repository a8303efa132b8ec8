using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

public sealed class EventPipelineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private sealed class Collect : IStageHandler<SensorEvent>
    {
        private readonly ManualResetEventSlim _release;
        private readonly object _gate = new();
        public readonly List<(long Id, EventKind Kind, int Sensor)> Seen = [];
        public bool Shutdown;

        public Collect(bool blocked = false) => _release = new ManualResetEventSlim(!blocked);

        public void Release() => _release.Set();

        public int Count(EventKind kind)
        {
            lock (_gate)
            {
                return Seen.Count(s => s.Kind == kind);
            }
        }

        public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
        {
            _release.Wait();
            lock (_gate)
            {
                Seen.Add((data.EventId, data.Kind, data.SensorIndex));
            }
        }

        public void OnShutdown() => Shutdown = true;
    }

    private static EventPipeline Create(int capacity = 64, int tickMs = 60000, int stuckMs = 120000) =>
        new(new PipelineOptions { Capacity = capacity, TickMs = tickMs, StuckAfterMs = stuckMs, SecurityWaitMs = 5 }, sensorCount: 3,
            firstEventId: 1000, TimeProvider.System, NullLogger.Instance);

    private static EventHeader Header(EventKind kind, int sensor) =>
        new(kind, SensorFamily.Perimeter, sensor, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Publish_TwoStages_BothSeeEveryEventWithIdsFromTheFirstId()
    {
        using var pipeline = Create();
        var fusion = new Collect();
        var journal = new Collect();
        pipeline.AddStage("fusion", fusion);
        pipeline.AddStage("journal", journal);
        pipeline.Start();

        for (var i = 0; i < 200; i++)
        {
            Assert.True(pipeline.PublishPerimeter(Header(EventKind.Perimeter, i % 3), new PerimeterData { State = PerimeterState.Alarm }));
        }

        Assert.True(pipeline.Stop(s_timeout));
        Assert.Equal(Enumerable.Range(1000, 200).Select(i => (long)i), journal.Seen.Select(s => s.Id));
        Assert.Equal(200, fusion.Count(EventKind.Perimeter));
        Assert.True(journal.Shutdown);
        Assert.Equal(200, pipeline.Counters.Published);
    }

    /// <summary>Writes (its name, the event id, its thread) to a log shared by several handlers; throws on one id if told.</summary>
    private sealed class Logged(string name, System.Collections.Concurrent.ConcurrentQueue<(string Name, long Id, int Thread)> log, long throwOn = -1) : IStageHandler<SensorEvent>
    {
        public bool Shutdown { get; private set; }

        public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
        {
            if (data.EventId == throwOn)
            {
                throw new InvalidOperationException($"{name} fails on {data.EventId}");
            }

            log.Enqueue((name, data.EventId, Environment.CurrentManagedThreadId));
        }

        public void OnShutdown()
        {
            Shutdown = true;
            log.Enqueue((name + " shutdown", -1, Environment.CurrentManagedThreadId));
        }
    }

    [Fact]
    public void AddStage_TwoHandlersOnOneStage_EachEventToTheFirstThenTheSecondOnOneThread_TheNextStageAfterBoth()
    {
        using var pipeline = Create();
        var log = new System.Collections.Concurrent.ConcurrentQueue<(string Name, long Id, int Thread)>();
        var fusion = new Logged("fusion", log);
        var journal = new Logged("journal", log);
        var events = new Logged("events", log);
        pipeline.AddStage("fusion-journal", ("fusion", fusion), ("journal", journal));
        pipeline.AddStage("events", events);
        pipeline.Start();

        for (var i = 0; i < 300; i++)
        {
            Assert.True(pipeline.PublishPerimeter(Header(EventKind.Perimeter, i % 3), new PerimeterData { State = PerimeterState.Alarm }));
        }

        Assert.True(pipeline.Stop(s_timeout));
        var entries = log.ToArray();
        var ids = Enumerable.Range(1000, 300).Select(i => (long)i).ToArray();
        Assert.Equal(ids, entries.Where(e => e.Name == "fusion").Select(e => e.Id));
        Assert.Equal(ids, entries.Where(e => e.Name == "journal").Select(e => e.Id));
        Assert.Equal(ids, entries.Where(e => e.Name == "events").Select(e => e.Id));
        var position = entries.Select((e, i) => (e, i)).ToDictionary(x => (x.e.Name, x.e.Id), x => x.i);
        Assert.All(ids, id => Assert.True(position[("fusion", id)] < position[("journal", id)] && position[("journal", id)] < position[("events", id)], $"order broken at {id}"));
        Assert.Single(entries.Where(e => e.Name is "fusion" or "journal").Select(e => e.Thread).Distinct()); // one thread for both
        Assert.DoesNotContain(entries.First(e => e.Name == "events").Thread, entries.Where(e => e.Name == "fusion").Select(e => e.Thread));
        Assert.True(fusion.Shutdown && journal.Shutdown && events.Shutdown);
        Assert.True(position[("fusion shutdown", -1)] < position[("journal shutdown", -1)]); // shut down in the order given
        Assert.Equal(2, pipeline.Stages.Count);
    }

    [Fact]
    public void AddStage_FirstHandlerOfAStageThrows_TheSecondStillGetsTheEvent_OneFailureCounted()
    {
        using var pipeline = Create();
        var log = new System.Collections.Concurrent.ConcurrentQueue<(string Name, long Id, int Thread)>();
        var stage = pipeline.AddStage("fusion-journal", ("fusion", new Logged("fusion", log, throwOn: 1004)), ("journal", new Logged("journal", log)));
        pipeline.Start();

        for (var i = 0; i < 10; i++)
        {
            Assert.True(pipeline.PublishPerimeter(Header(EventKind.Perimeter, 0), new PerimeterData { State = PerimeterState.Alarm }));
        }

        Assert.True(pipeline.Stop(s_timeout));
        Assert.Equal(Enumerable.Range(1000, 10).Select(i => (long)i), log.Where(e => e.Name == "journal").Select(e => e.Id)); // journaled although fusion failed on it
        Assert.DoesNotContain(1004L, log.Where(e => e.Name == "fusion").Select(e => e.Id));
        Assert.Equal(9, log.Count(e => e.Name == "fusion"));
        Assert.Equal(1, stage.Failed);
    }

    [Fact]
    public void FullRing_TelemetryIsShedAndCountedPerSensor_SecurityEventWaitsAndIsDelivered()
    {
        using var pipeline = Create(capacity: 4);
        var stage = new Collect(blocked: true);
        pipeline.AddStage("slow", stage);
        pipeline.Start();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(pipeline.PublishObject(Header(EventKind.Telemetry, 1), "fill"));
        }

        var shed = pipeline.PublishObject(Header(EventKind.Telemetry, 2), "sample");
        var alarm = Task.Run(() => pipeline.PublishPerimeter(Header(EventKind.Perimeter, 0), new PerimeterData { State = PerimeterState.Alarm }));
        var waited = SpinWait.SpinUntil(() => pipeline.Counters.SecurityWaits > 0, s_timeout);
        stage.Release();

        Assert.False(shed);
        Assert.Equal(1, pipeline.Counters.Shed(2));
        Assert.Equal(0, pipeline.Counters.Shed(0));
        Assert.True(waited);
        Assert.True(alarm.Wait(s_timeout) && alarm.Result);
        Assert.True(pipeline.Stop(s_timeout));
        Assert.Equal(1, stage.Count(EventKind.Perimeter));
    }

    [Fact]
    public void IsHealthy_StageWithPendingWorkThatDoesNotMove_ReportsItStuck()
    {
        using var pipeline = Create(tickMs: 50, stuckMs: 200);
        var stuck = new Collect(blocked: true);
        pipeline.AddStage("fusion", new Collect());
        pipeline.AddStage("journal", stuck);
        pipeline.Start();

        pipeline.PublishPerimeter(Header(EventKind.Perimeter, 0), default);
        string? name = null;
        var journalStuck = SpinWait.SpinUntil(() => !pipeline.IsHealthy(out name) && name == "journal", s_timeout);

        Assert.True(journalStuck);
        stuck.Release();
        Assert.True(SpinWait.SpinUntil(() => pipeline.IsHealthy(out _), s_timeout));
        pipeline.Stop(s_timeout);
    }

    [Fact]
    public void Ticks_AreDeliveredPeriodically()
    {
        using var pipeline = Create(tickMs: 10, stuckMs: 100);
        var stage = new Collect();
        pipeline.AddStage("fusion", stage);
        pipeline.Start();

        Assert.True(SpinWait.SpinUntil(() => stage.Count(EventKind.Tick) >= 3, s_timeout));
        pipeline.Stop(s_timeout);
    }
}
