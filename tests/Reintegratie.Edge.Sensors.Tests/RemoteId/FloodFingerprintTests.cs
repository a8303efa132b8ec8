using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class FloodFingerprintTests
{
    private const ulong RandomMac = 0x02A1B2C3D4E5; // locally administered
    private const ulong VendorMac = 0x60601F123456; // a globally administered OUI

    [Fact]
    public void IsDistinct_FewerSamplesThanNeeded_Nothing()
    {
        var fingerprint = Learnt(FloodFingerprint.MinSamples - 1, -60);

        Assert.False(fingerprint.IsDistinct(Line(-90, RandomMac)));
    }

    [Theory]
    [InlineData(-60, false)]
    [InlineData(-67, false)] // 3 dB from the band's edge (-64): the margin
    [InlineData(-53, false)]
    [InlineData(-68, true)]
    [InlineData(-52, true)]
    [InlineData(-85, true)]
    public void IsDistinct_RssiAgainstTheFloodsBand_OutsideBandAndMarginOnly(float rssi, bool distinct)
    {
        var fingerprint = new FloodFingerprint();
        for (var i = 0; i < FloodFingerprint.Window; i++)
        {
            fingerprint.Observe(Line(-60 + ((i % 9) - 4), RandomMac)); // a fixed transmitter, -64 .. -56 dBm
        }

        Assert.Equal(distinct, fingerprint.IsDistinct(Line(rssi, RandomMac)));
    }

    [Fact]
    public void IsDistinct_ForgerMovesToAnotherBand_OldBandForgottenAfterOneWindow()
    {
        var fingerprint = Learnt(FloodFingerprint.Window, -60);
        var before = fingerprint.IsDistinct(Line(-60, RandomMac));

        for (var i = 0; i < FloodFingerprint.Window; i++)
        {
            fingerprint.Observe(Line(-80, RandomMac));
        }

        Assert.False(before);
        Assert.True(fingerprint.IsDistinct(Line(-60, RandomMac)));
        Assert.False(fingerprint.IsDistinct(Line(-80, RandomMac)));
    }

    [Fact]
    public void IsDistinct_ForgerSpreadsItsPower_NothingIsDistinct()
    {
        var fingerprint = new FloodFingerprint();
        for (var i = 0; i < FloodFingerprint.Window; i++)
        {
            fingerprint.Observe(Line(-100 + (i % 70), RandomMac)); // -100 .. -31 dBm
        }

        Assert.All(Enumerable.Range(-100, 70), r => Assert.False(fingerprint.IsDistinct(Line(r, RandomMac))));
    }

    [Fact]
    public void IsDistinct_VendorMacOnWifiAmongRandomMacs_Distinct()
    {
        var fingerprint = Learnt(FloodFingerprint.Window, -60);

        Assert.True(fingerprint.IsDistinct(Line(-60, VendorMac)));
        Assert.False(fingerprint.IsDistinct(Line(-60, VendorMac, RidTransport.Bt4))); // the bit means nothing in Bluetooth
    }

    [Fact]
    public void IsDistinct_FloodUsesVendorMacsToo_MacSaysNothing()
    {
        var fingerprint = Learnt(FloodFingerprint.Window - 1, -60);
        fingerprint.Observe(Line(-60, VendorMac));

        Assert.False(fingerprint.IsDistinct(Line(-60, VendorMac)));
    }

    [Fact]
    public void IsDistinct_NoRssiReported_OnlyTheMacCanTell()
    {
        var fingerprint = new FloodFingerprint();
        for (var i = 0; i < FloodFingerprint.Window; i++)
        {
            fingerprint.Observe(Line(float.NaN, RandomMac));
        }

        Assert.False(fingerprint.IsDistinct(Line(float.NaN, RandomMac)));
        Assert.False(fingerprint.IsDistinct(Line(-90, RandomMac)));
        Assert.True(fingerprint.IsDistinct(Line(float.NaN, VendorMac)));
    }

    private static FloodFingerprint Learnt(int samples, float rssi)
    {
        var fingerprint = new FloodFingerprint();
        for (var i = 0; i < samples; i++)
        {
            fingerprint.Observe(Line(rssi, RandomMac));
        }

        return fingerprint;
    }

    private static RemoteIdLine Line(float rssi, ulong mac, RidTransport transport = RidTransport.WifiBeacon) =>
        new() { Transport = transport, RssiDbm = rssi, HasMac = true, Mac = mac };
}
