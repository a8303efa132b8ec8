using System.Globalization;
using CsCheck;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

public sealed class JournalTimeTests
{
    [Fact]
    public void ToText_AnyTime_SameAsTheFormatString() =>
        Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Select(Gen.Int[-14 * 60, 14 * 60]).Sample((ticks, offsetMinutes) =>
        {
            var utc = new DateTime(ticks, DateTimeKind.Utc);
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            if (utc.Ticks + offset.Ticks < DateTime.MinValue.Ticks || utc.Ticks + offset.Ticks > DateTime.MaxValue.Ticks)
            {
                offset = TimeSpan.Zero; // that local time does not exist in DateTimeOffset's range
            }

            var at = new DateTimeOffset(utc).ToOffset(offset);
            return JournalTime.ToText(at) == at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        });

    [Fact]
    public void ToText_FractionBeyondMicroseconds_Truncated() =>
        Assert.Equal("2026-12-06T15:00:09.999999Z", JournalTime.ToText(new DateTimeOffset(2026, 12, 6, 15, 0, 9, TimeSpan.Zero).AddTicks(9_999_999)));
}
