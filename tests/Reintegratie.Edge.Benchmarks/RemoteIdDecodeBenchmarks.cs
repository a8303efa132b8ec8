using System.Text;
using BenchmarkDotNet.Attributes;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>Remote ID decode cost per message and per receiver line (expect 0 bytes allocated).</summary>
[MemoryDiagnoser]
public class RemoteIdDecodeBenchmarks
{
    private static readonly byte[] s_location = Convert.FromHexString("122624160a473ecb1e714327039808f30870086b5339300200");
    private static readonly byte[] s_pack = Convert.FromHexString("f219050212313538314635464b443232393430305445535400000000122624160a473ecb1e714327039808f30870086b5339300200320053757276657920666c69676874202d2074657374203031420527dcca1e6bae260301000000000000122e084093110c0052004e4c446b337639783271376d3870347700000000000000");
    private static readonly byte[] s_packLine = Encoding.ASCII.GetBytes("RID,BT5,-67,AA:BB:CC:00:11:22," + Convert.ToHexStringLower(s_pack));
    private RemoteIdTrackAssembler _assembler = null!;

    /// <summary>Builds a site and an assembler with a sink that drops everything.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "z", Polygon = [new GeoPoint { Lat = 51.66, Lon = 5.28 }, new GeoPoint { Lat = 51.67, Lon = 5.28 }, new GeoPoint { Lat = 51.67, Lon = 5.30 }] }],
            Sensors = [new SensorOptions { Id = "rid", Family = SensorFamily.RemoteId }],
        });
        _assembler = new RemoteIdTrackAssembler(site, new NullSink(), 0, TimeSpan.FromSeconds(30));
    }

    /// <summary>One Location message: validate + decode.</summary>
    [Benchmark(Baseline = true)]
    public double DecodeLocation()
    {
        var frame = OdidFrame.Parse(s_location);
        return OdidDecoder.DecodeLocation(frame[0]).Latitude;
    }

    /// <summary>A five-message pack: validate + decode each message.</summary>
    [Benchmark]
    public int DecodePack()
    {
        var frame = OdidFrame.Parse(s_pack);
        var n = 0;
        n += OdidDecoder.DecodeBasicId(frame[0]).UasId.Length;
        n += (int)OdidDecoder.DecodeLocation(frame[1]).AltitudeGeoM;
        n += OdidDecoder.DecodeSelfId(frame[2]).Description.Length;
        n += OdidDecoder.DecodeSystem(frame[3]).ClassEu;
        n += OdidDecoder.DecodeOperatorId(frame[4]).OperatorId.Length;
        return n;
    }

    /// <summary>The adapter's per-line path: envelope + hex + validate + track assembly + publish (the sink drops).</summary>
    [Benchmark]
    public long PackLineToDetection()
    {
        Span<byte> bytes = stackalloc byte[OdidFrame.MaxFrameSize];
        if (!RemoteIdLineParser.TryParse(s_packLine, bytes, out var line, out _))
        {
            return -1;
        }

        _assembler.Process(line, OdidFrame.Parse(bytes[..line.FrameLength]), DateTimeOffset.UnixEpoch);
        return _assembler.Published;
    }

    private sealed class NullSink : IEventSink
    {
        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health) => true;

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }
}
