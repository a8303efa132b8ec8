using BenchmarkDotNet.Attributes;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>SAPIENT: cost of decoding one detection frame, validating it as the harness does, and mapping it to a drone event.</summary>
[MemoryDiagnoser]
public class SapientBenchmarks
{
    private byte[] _frame = [];
    private SapientMessage _message = null!;
    private SapientNode _node = null!;
    private SiteModel _site = null!;

    /// <summary>Builds one detection frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_736_935_200);
        _message = SapientMessages.Detection(Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9"), SapientIds.NewUlid(at), 52.0012, 5.0021, 40, "Air Vehicle", "UAV Rotary Wing", 0.9f, at);
        _frame = SapientFraming.Encode(_message);
        _site = SiteModel.Build(new SiteOptions
        {
            Name = "bench",
            Sensors = [new SensorOptions { Id = "radar", Family = SensorFamily.Sapient, Position = new GeoPoint { Lat = 52, Lon = 5 } }],
        });
        _node = new SapientNode(_site.Sensors[0], Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9"));
    }

    /// <summary>Length prefix + protobuf parse.</summary>
    [Benchmark(Baseline = true)]
    public SapientMessage? Decode()
    {
        SapientFraming.TryDecode(_frame, SapientFraming.DefaultMaxFrameBytes, out var m, out _, out _);
        return m;
    }

    /// <summary>Harness-equivalent validation of a parsed message.</summary>
    [Benchmark]
    public bool Validate() => SapientValidator.Validate(_message) is null;

    /// <summary>Decode, validate and map to a drone event: the per-frame cost in the adapter.</summary>
    [Benchmark]
    public ulong DecodeValidateMap()
    {
        SapientFraming.TryDecode(_frame, SapientFraming.DefaultMaxFrameBytes, out var m, out _, out _);
        SapientValidator.Validate(m!);
        SapientDetectionMapper.Map(m!.DetectionReport, _node, _site, DateTimeOffset.UnixEpoch, out _, out var drone);
        return drone.TrackKey;
    }
}
