using CsCheck;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientIdsTests
{
    [Fact]
    public void NewUlid_AnyTime_IsUlid() =>
        Gen.Long[0, 253_402_300_799_000].Sample(ms => SapientIds.IsUlid(SapientIds.NewUlid(DateTimeOffset.FromUnixTimeMilliseconds(ms))));

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", true)]
    [InlineData("01arz3ndektsv4rrffq69g5fav", true)]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA", false)]
    [InlineData("a8654cdf-4328-47de-81fa-c495589e30c9", false)]
    public void IsUlid_Samples_AsExpected(string text, bool expected) => Assert.Equal(expected, SapientIds.IsUlid(text));

    [Theory]
    [InlineData("a8654cdf-4328-47de-81fa-c495589e30c9", true)]
    [InlineData("a8654cdf432847de81fac495589e30c9", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", false)]
    public void IsUuid_Samples_AsExpected(string text, bool expected) => Assert.Equal(expected, SapientIds.IsUuid(text));
}
