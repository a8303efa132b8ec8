using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

/// <summary>The <c>start</c> note's payload (<see cref="StartMarker"/>): what replay reads back at a gateway restart.</summary>
public sealed class StartMarkerTests
{
    [Fact]
    public void ToUtf8_ThenTryParse_SameMarker()
    {
        var marker = new StartMarker([new RestoredAlert("01M95QG0NQCQT5TR5SC3G98TX0", 3), new RestoredAlert("01M95QG4MXCQT5TR5SC3G98TX0", 1)],
            ulong.MaxValue, 7, 1234, new string('f', 64));

        var parsed = StartMarker.TryParse(System.Text.Encoding.UTF8.GetString(marker.ToUtf8()), out var back);

        Assert.True(parsed);
        Assert.Equal(marker.Restored, back!.Restored);
        Assert.Equal((marker.IdSeed, marker.IdCounter, marker.NextEventId, marker.ConfigDigest), (back.IdSeed, back.IdCounter, back.NextEventId, back.ConfigDigest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"kind\":\"start\"}")]
    [InlineData("{\"kind\":\"start\",\"restored\":[{\"id\":\"A\",\"revision\":\"x\"}],\"id_seed\":0,\"id_counter\":0,\"next_event_id\":1}")]
    [InlineData("[1,2]")]
    public void TryParse_PurgedOrMalformed_FalseNoException(string? payload)
    {
        Assert.False(StartMarker.TryParse(payload, out var marker));
        Assert.Null(marker);
    }

    [Fact]
    public void WriteStart_Journal_NoteRowOfKindStartThatVerifies()
    {
        using var f = new JournalFixture();
        using (var writer = f.Open())
        {
            Assert.Equal(1, writer.WriteStart(new StartMarker([], 0, 0, writer.NextEventId, null)));
        }

        var row = Assert.Single(TestQueries.Rows(f.Path));
        Assert.Equal(("note", "start"), (row.Type, row.Kind));
        Assert.True(StartMarker.TryParse(row.Payload, out _));
    }
}
