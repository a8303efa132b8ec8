using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class HandsetNoveltyTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Pseudonymiser _p = TestKeys.Create();

    private Pseudonym Id(string imsi) => _p.Pseudonymise(IdentifierKind.Imsi, GsmTestLines.Bytes(imsi));

    [Fact]
    public void Observe_FirstSighting_New()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);

        Assert.True(tracker.Observe(0, Id(GsmTestLines.Imsi)));
    }

    [Fact]
    public void Observe_AgainWithinWindow_NotNew()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);
        tracker.Observe(0, Id(GsmTestLines.Imsi));
        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.False(tracker.Observe(0, Id(GsmTestLines.Imsi)));
    }

    [Fact]
    public void Observe_AfterWindowOfSilence_NewAgain()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);
        tracker.Observe(0, Id(GsmTestLines.Imsi));
        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.True(tracker.Observe(0, Id(GsmTestLines.Imsi)));
    }

    [Fact]
    public void Observe_RegularSightings_WindowSlides()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);
        tracker.Observe(0, Id(GsmTestLines.Imsi));
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(50));
            Assert.False(tracker.Observe(0, Id(GsmTestLines.Imsi)));
        }
    }

    [Fact]
    public void Observe_OtherZone_NewThere()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);
        tracker.Observe(0, Id(GsmTestLines.Imsi));

        Assert.True(tracker.Observe(1, Id(GsmTestLines.Imsi)));
        Assert.False(tracker.Observe(0, Id(GsmTestLines.Imsi)));
    }

    [Fact]
    public void Observe_SeenUnderPreviousKey_NotNewAfterRotation()
    {
        using var oldKey = new Pseudonymiser(TestKeys.KeyB, 1);
        using var newKey = new Pseudonymiser(TestKeys.KeyA, 2, TestKeys.KeyB, 1);
        var imsi = GsmTestLines.Bytes(GsmTestLines.Imsi);
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);
        tracker.Observe(0, oldKey.Pseudonymise(IdentifierKind.Imsi, imsi));
        var previous = default(Pseudonym);
        newKey.TryPseudonymisePrevious(IdentifierKind.Imsi, imsi, ref previous);

        Assert.False(tracker.Observe(0, newKey.Pseudonymise(IdentifierKind.Imsi, imsi), previous));
        Assert.True(tracker.Observe(0, newKey.Pseudonymise(IdentifierKind.Imsi, "204081111111111"u8)));
    }

    [Fact]
    public void Observe_Expired_PrunedFromMemory()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(10), _time);
        for (var i = 0; i < 100; i++)
        {
            tracker.Observe(0, Id($"2040800000{i:D5}"));
        }

        _time.Advance(TimeSpan.FromMinutes(11));
        tracker.Observe(0, Id(GsmTestLines.Imsi));

        Assert.Equal(1, tracker.Count);
    }

    [Fact]
    public void Observe_OverCapacity_Bounded()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromDays(1), _time, maxEntries: 100);
        for (var i = 0; i < 1000; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            tracker.Observe(0, Id($"2040800000{i:D5}"));
        }

        Assert.InRange(tracker.Count, 1, 100);
        Assert.False(tracker.Observe(0, Id("204080000000999")));
    }

    [Fact]
    public void Observe_NoPseudonym_NeverNew()
    {
        var tracker = new HandsetNoveltyTracker(TimeSpan.FromMinutes(60), _time);

        Assert.False(tracker.Observe(0, default));
    }
}
