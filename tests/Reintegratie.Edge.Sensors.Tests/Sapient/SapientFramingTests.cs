using System.Buffers.Binary;
using CsCheck;
using Google.Protobuf;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientFramingTests
{
    private static readonly Guid s_node = Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9");

    [Fact]
    public void TryDecode_AnyBytes_MessageOrCleanRejection()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var ok = SapientFraming.TryDecode(bytes, 1024, out var message, out var consumed, out var error);
            return ok ? message is not null && consumed >= 4 && error is null : message is null && consumed == 0;
        });
    }

    [Fact]
    public void TryDecode_AnyPayloadAfterValidPrefix_MessageOrCleanRejection()
    {
        Gen.Byte.Array[1, 200].Sample(payload =>
        {
            var frame = new byte[payload.Length + 4];
            BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
            payload.CopyTo(frame, 4);
            var ok = SapientFraming.TryDecode(frame, 1024, out var message, out _, out var error);
            return ok ? message is not null : error is not null;
        });
    }

    [Fact]
    public void EncodeDecode_GeneratedDetections_RoundTrip()
    {
        var gen = Gen.Select(Gen.Double[-90, 90], Gen.Double[-180, 180], Gen.Float[0, 1], Gen.Int[0, 1_000_000]);
        gen.Sample((lat, lon, conf, ms) =>
        {
            var at = DateTimeOffset.UnixEpoch.AddMilliseconds(ms);
            var m = SapientMessages.Detection(s_node, SapientIds.NewUlid(at), lat, lon, 12.5, "Air Vehicle", "UAV Rotary Wing", conf, at);
            var frame = SapientFraming.Encode(m);
            return SapientFraming.TryDecode(frame, 1024, out var back, out var used, out _) && used == frame.Length && back!.Equals(m);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2000)]
    public void TryDecode_BadLength_RejectedWithReason(int length)
    {
        var frame = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(frame, length);

        var ok = SapientFraming.TryDecode(frame, 1024, out _, out _, out var error);

        Assert.False(ok);
        Assert.Contains("length", error);
    }

    [Fact]
    public void TryDecode_PartialFrame_NeedsMoreWithoutError()
    {
        var frame = SapientFraming.Encode(SapientMessages.StatusReport(s_node, StatusReport.Types.System.Ok, null, DateTimeOffset.UnixEpoch));

        var ok = SapientFraming.TryDecode(frame.AsSpan(0, frame.Length - 1), 1024, out _, out _, out var error);

        Assert.False(ok);
        Assert.Null(error);
    }

    [Fact]
    public async Task ReadAsync_TwoFramesThenEnd_BothThenNull()
    {
        var a = SapientMessages.StatusReport(s_node, StatusReport.Types.System.Ok, null, DateTimeOffset.UnixEpoch);
        var b = SapientMessages.Alert(s_node, "fence", null, DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream([.. SapientFraming.Encode(a), .. SapientFraming.Encode(b)]);
        var reader = new SapientFrameReader(stream);

        Assert.Equal(a, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(b, await reader.ReadAsync(CancellationToken.None));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_OversizeLength_ThrowsFrameException()
    {
        var frame = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(frame, 5000);
        var reader = new SapientFrameReader(new MemoryStream(frame), maxFrameBytes: 4096);

        var e = await Assert.ThrowsAsync<SapientFrameException>(() => reader.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("exceeds the limit of 4096", e.Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedFrame_ThrowsFrameException()
    {
        var frame = SapientFraming.Encode(SapientMessages.Alert(s_node, "x", null, DateTimeOffset.UnixEpoch));
        var reader = new SapientFrameReader(new MemoryStream(frame[..^2]));

        await Assert.ThrowsAsync<SapientFrameException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadAsync_GarbagePayload_ThrowsFrameException()
    {
        byte[] frame = [3, 0, 0, 0, 0xFF, 0xFF, 0xFF];
        var reader = new SapientFrameReader(new MemoryStream(frame));

        await Assert.ThrowsAsync<SapientFrameException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public void Encode_BuiltMessages_PassValidator()
    {
        var at = DateTimeOffset.UnixEpoch;
        SapientMessage[] all =
        [
            SapientMessages.Registration(s_node, "Radar 1", TimeSpan.FromSeconds(5), at),
            SapientMessages.RegistrationAck(s_node, s_node, true, null, at),
            SapientMessages.StatusReport(s_node, StatusReport.Types.System.Ok, (52.0, 5.0), at),
            SapientMessages.Detection(s_node, SapientIds.NewUlid(at), 52, 5, null, "Air Vehicle", null, 0.5f, at),
            SapientMessages.Alert(s_node, "gate", (52, 5), at),
            SapientMessages.Error(s_node, null, [1, 2], "bad", at),
        ];

        foreach (var m in all)
        {
            Assert.Null(SapientValidator.Validate(m));
            Assert.Equal(m, SapientMessage.Parser.ParseFrom(m.ToByteArray()));
        }
    }
}
